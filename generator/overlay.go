package generator

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// overlay is a read-only file system that shows the files of upper over
// those of lower: a site's layouts/ over the default theme's.
type overlay struct {
	upper, lower fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	if o.upper != nil {
		f, err := o.upper.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.lower.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	var upper []fs.DirEntry
	var uerr error
	if o.upper != nil {
		upper, uerr = fs.ReadDir(o.upper, name)
	}
	lower, lerr := fs.ReadDir(o.lower, name)
	if uerr != nil && lerr != nil {
		return nil, lerr
	}
	seen := map[string]bool{}
	out := make([]fs.DirEntry, 0, len(upper)+len(lower))
	for _, e := range upper {
		seen[e.Name()] = true
		out = append(out, e)
	}
	for _, e := range lower {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// subdir returns the folder dir of fsys, or nil when it has none.
func subdir(fsys fs.FS, dir string) fs.FS {
	if info, err := fs.Stat(fsys, dir); err != nil || !info.IsDir() {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return sub
}
