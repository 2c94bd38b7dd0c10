//go:build linux

package sitefs

import (
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"time"
)

// A folder is the file system of one folder of a site. A regular file
// named without a slash is opened relative to the open folder, with
// O_NOFOLLOW; anything else (a symbolic link, which might lead outside
// the site, a folder, a path) is opened from the root, which follows
// links only within the site.
type folder struct {
	parent *FS
	dir    string
	f      *os.File // nil for the root
	fd     int
}

func openFolder(parent *FS, dir string) (*folder, error) {
	f, err := parent.root.Open(dir)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "sub", Path: dir, Err: syscall.ENOTDIR}
	}
	return &folder{parent: parent, dir: dir, f: f, fd: int(f.Fd())}, nil
}

func (d *folder) Open(name string) (fs.File, error) {
	if d.f == nil || strings.Contains(name, "/") || !fs.ValidPath(name) || name == "." {
		return d.fromRoot(name)
	}
	// O_NONBLOCK, so that opening a named pipe does not wait for a
	// writer; it changes nothing for a regular file.
	fd, err := retry(func() (int, error) {
		return syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	})
	if err == syscall.ELOOP {
		return d.fromRoot(name) // a symbolic link
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	f := &file{fd: fd, name: name}
	if err := syscall.Fstat(fd, &f.stat); err != nil {
		syscall.Close(fd)
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if f.stat.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		return d.fromRoot(name)
	}
	return f, nil
}

// Close closes the folder.
func (d *folder) Close() error {
	if d.f == nil {
		return nil
	}
	return d.f.Close()
}

// A file is a regular file, read with system calls alone: as an os.File,
// it would be offered to the runtime's poller, which refuses regular
// files, at the cost of three more calls.
type file struct {
	fd     int
	name   string
	stat   syscall.Stat_t
	closed bool
}

func (f *file) Stat() (fs.FileInfo, error) { return fileInfo{f}, nil }

func (f *file) Read(b []byte) (int, error) {
	if f.closed {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: fs.ErrClosed}
	}
	if len(b) == 0 {
		return 0, nil
	}
	n, err := retry(func() (int, error) { return syscall.Read(f.fd, b) })
	switch {
	case err != nil:
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

func (f *file) Close() error {
	if f.closed {
		return &fs.PathError{Op: "close", Path: f.name, Err: fs.ErrClosed}
	}
	f.closed = true
	if err := syscall.Close(f.fd); err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}

type fileInfo struct{ f *file }

func (fi fileInfo) Name() string       { return fi.f.name }
func (fi fileInfo) Size() int64        { return fi.f.stat.Size }
func (fi fileInfo) Mode() fs.FileMode  { return fs.FileMode(fi.f.stat.Mode & 0o777) }
func (fi fileInfo) ModTime() time.Time { return time.Unix(fi.f.stat.Mtim.Unix()) }
func (fi fileInfo) IsDir() bool        { return false }
func (fi fileInfo) Sys() any           { return &fi.f.stat }

// retry calls f again for as long as a signal interrupts it.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
