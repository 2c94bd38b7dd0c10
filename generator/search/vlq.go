package search

// Numbers in the index files are written as base-64 digits, five bits of
// value each, least significant first: a digit below 32 ends a number, a
// digit of 32 or more is followed by more digits. Values below 32 take one
// character, below 1024 two. The digits are the characters of base64url,
// which need no escaping in JSON or JavaScript strings.
const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// appendNum appends n to b.
func appendNum(b []byte, n uint64) []byte {
	for n >= 32 {
		b = append(b, digits[32+n&31])
		n >>= 5
	}
	return append(b, digits[n])
}

// appendInt appends a signed number, zigzag-encoded: 0, -1, 1, -2, ...
// become 0, 1, 2, 3, ...
func appendInt(b []byte, n int64) []byte {
	return appendNum(b, uint64(n<<1^n>>63))
}

var digitValue = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := range len(digits) {
		v[digits[i]] = int8(i)
	}
	return v
}()

// readNum reads a number from s at i and returns it with the index after
// it, or ok false if s holds no whole number there.
func readNum(s string, i int) (n uint64, next int, ok bool) {
	shift := 0
	for ; i < len(s) && shift < 64; i++ {
		d := digitValue[s[i]]
		if d < 0 {
			return 0, i, false
		}
		if d < 32 {
			return n | uint64(d)<<shift, i + 1, true
		}
		n |= uint64(d-32) << shift
		shift += 5
	}
	return 0, i, false
}

// readInt reads a zigzag-encoded signed number.
func readInt(s string, i int) (n int64, next int, ok bool) {
	u, next, ok := readNum(s, i)
	return int64(u>>1) ^ -int64(u&1), next, ok
}
