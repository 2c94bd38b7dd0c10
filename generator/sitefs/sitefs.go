// Package sitefs opens a site's folder for reading.
//
// The file system Open returns reads the folder as os.Root does: a path
// that leaves the folder, directly or through a symbolic link, is refused.
// It also implements fs.SubFS: the file system of one of its folders opens
// a file of that folder by its name alone, with a system call or two,
// where a path from the root costs one for each folder on the way. A site
// reads thousands of files that way (see content.Load).
//
// A file system Sub returns holds its folder open until it is closed:
// it is an io.Closer.
package sitefs

import (
	"io/fs"
	"os"
	"path"
)

// FS is a site's folder, opened with Open.
type FS struct {
	root *os.Root
	fsys fs.FS // root.FS()
}

// Open opens the folder dir.
func Open(dir string) (*FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: root, fsys: root.FS()}, nil
}

// Close closes the folder. File systems returned by Sub stay usable
// until they are closed themselves.
func (f *FS) Close() error { return f.root.Close() }

func (f *FS) Open(name string) (fs.File, error) { return f.fsys.Open(name) }

func (f *FS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(f.fsys, name) }

func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }

func (f *FS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }

// Sub returns the file system of the folder dir, which the caller closes
// when done with it.
func (f *FS) Sub(dir string) (fs.FS, error) {
	if !fs.ValidPath(dir) {
		return nil, &fs.PathError{Op: "sub", Path: dir, Err: fs.ErrInvalid}
	}
	if dir == "." {
		return &folder{parent: f, dir: "."}, nil
	}
	return openFolder(f, dir)
}

// fromRoot opens name, a path in the folder dir, from the root.
func (d *folder) fromRoot(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, err := d.parent.fsys.Open(path.Join(d.dir, name))
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name
	}
	return file, err
}
