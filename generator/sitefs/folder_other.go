//go:build !linux

package sitefs

import "io/fs"

// A folder is the file system of one folder of a site, opened from the
// root.
type folder struct {
	parent *FS
	dir    string
}

func openFolder(parent *FS, dir string) (*folder, error) {
	info, err := parent.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "sub", Path: dir, Err: fs.ErrInvalid}
	}
	return &folder{parent: parent, dir: dir}, nil
}

func (d *folder) Open(name string) (fs.File, error) { return d.fromRoot(name) }

// Close does nothing: no folder is held open.
func (d *folder) Close() error { return nil }
