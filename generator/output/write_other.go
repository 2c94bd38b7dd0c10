//go:build !unix

package output

import "os"

// writeFile creates or replaces the file name with data.
func writeFile(name string, data []byte) error {
	return os.WriteFile(name, data, 0o644)
}
