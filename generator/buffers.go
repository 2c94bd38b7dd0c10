package generator

import (
	"bytes"
	"sync"
)

// buffers hold rendered pages between the layout and the writer, reused
// from page to page so that a build does not allocate, and clear, one
// growing buffer per page.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

// putBuffer returns buf to the pool unless it grew unusually large.
func putBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 4<<20 {
		buffers.Put(buf)
	}
}
