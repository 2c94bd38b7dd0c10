// Package output writes a built site: to a folder on disk, replaced
// atomically so that a failed or interrupted build leaves the previous
// site intact, or to memory for the preview server.
//
// Every name a writer accepts is a slash-separated path inside the output
// (fs.ValidPath): nothing is ever written outside it.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"
)

// A Writer receives the files of a site. WriteFile may be called from
// several goroutines at once, and must not keep data after it returns:
// callers reuse their buffers.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Marker is the file opsdocs leaves in every folder it builds, so that it
// never replaces a folder it did not make.
const Marker = ".opsdocs-output"

func checkName(name string) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("output: invalid file name %q", name)
	}
	return nil
}

// A Dir writes a site to a temporary folder beside its destination and,
// on Commit, puts it in the destination's place.
type Dir struct {
	dest string
	tmp  string
	dirs sync.Map // folders already made below tmp
}

// ErrNotOurs is returned by NewDir for a destination that holds files but
// no marker.
var ErrNotOurs = errors.New("it is not empty and was not made by opsdocs: choose another --out, or pass --force to replace it")

// NewDir prepares to write a site to the folder dest. It refuses, with
// ErrNotOurs, to replace a non-empty folder without the marker unless
// force is set.
func NewDir(dest string, force bool) (*Dir, error) {
	dest = filepath.Clean(dest)
	info, err := os.Stat(dest)
	switch {
	case err == nil && !info.IsDir():
		return nil, fmt.Errorf("%s: it is a file, not a folder: choose another --out", dest)
	case err == nil && !force:
		if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
			entries, _ := os.ReadDir(dest)
			if len(entries) > 0 {
				return nil, fmt.Errorf("refusing to replace %s: %w", dest, ErrNotOurs)
			}
		}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	d := &Dir{dest: dest, tmp: tmp}
	if err := d.WriteFile(Marker, []byte("This folder was built by opsdocs and is replaced by each build.\n")); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return d, nil
}

// WriteFile writes data to name below the site's folder.
func (d *Dir) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	dir := path.Dir(name)
	if _, ok := d.dirs.Load(dir); !ok && dir != "." {
		// Most folders hold one page and their parent exists already:
		// one mkdir, not MkdirAll's look at every parent first.
		full := filepath.Join(d.tmp, filepath.FromSlash(dir))
		if err := os.Mkdir(full, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(full, 0o755); err != nil {
				return err
			}
		}
		d.dirs.Store(dir, true)
	}
	return writeFile(filepath.Join(d.tmp, filepath.FromSlash(name)), data)
}

// Commit replaces the destination with the new site. The swap is a single
// atomic rename where the system allows it.
func (d *Dir) Commit() error {
	if _, err := os.Lstat(d.dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(d.tmp, d.dest)
	}
	if err := exchange(d.tmp, d.dest); err == nil {
		return removeTree(d.tmp) // now holds the previous site
	}
	old := d.tmp + ".old"
	if err := os.Rename(d.dest, old); err != nil {
		return err
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		os.Rename(old, d.dest)
		return err
	}
	return removeTree(old)
}

// Abort removes what was written; the destination is left as it was.
func (d *Dir) Abort() error { return removeTree(d.tmp) }

// Memory keeps a site in memory. It is safe for concurrent use.
//
// A Memory made by Layer holds only what changed since the Memory it was
// made from, which it reads through for the rest.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
	gone  map[string]bool // files of below removed from this one
	below *Memory         // nil but for a layer
	depth int             // layers below
}

// maxLayers bounds how many layers a Memory reads through, and so holds
// files that later layers replaced: Layer flattens a Memory this deep.
const maxLayers = 16

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a copy of data under name.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	m.mu.Lock()
	m.files[name] = bytes.Clone(data)
	delete(m.gone, name)
	m.mu.Unlock()
	return nil
}

// Get returns the file stored under name.
func (m *Memory) Get(name string) ([]byte, bool) {
	for l := m; l != nil; l = l.below {
		l.mu.RLock()
		b, ok := l.files[name]
		gone := l.gone[name]
		l.mu.RUnlock()
		if ok || gone {
			return b, ok
		}
	}
	return nil, false
}

// Layer returns a new Memory holding the same files as m, in which files
// can be written and removed without copying m: it reads through to m for
// the files it has not changed. m must not change afterwards. Every
// maxLayers layers, Layer copies the names of every file into a single
// Memory instead, so that reads stay quick and replaced files are
// forgotten; files themselves are never copied, only replaced.
func (m *Memory) Layer() *Memory {
	if m.depth+1 < maxLayers {
		return &Memory{files: map[string][]byte{}, gone: map[string]bool{}, below: m, depth: m.depth + 1}
	}
	flat := &Memory{files: map[string][]byte{}}
	m.each(func(name string, data []byte) { flat.files[name] = data })
	return flat
}

// Remove forgets the file stored under name, if any.
func (m *Memory) Remove(name string) {
	m.mu.Lock()
	delete(m.files, name)
	if m.below != nil {
		m.gone[name] = true
	}
	m.mu.Unlock()
}

// Names returns the stored names in order.
func (m *Memory) Names() []string {
	var names []string
	m.each(func(name string, _ []byte) { names = append(names, name) })
	slices.Sort(names)
	return names
}

// each calls f for every file of m, in no particular order.
func (m *Memory) each(f func(name string, data []byte)) {
	seen := map[string]bool{}
	for l := m; l != nil; l = l.below {
		l.mu.RLock()
		for name, data := range l.files {
			if !seen[name] {
				seen[name] = true
				f(name, data)
			}
		}
		for name := range l.gone {
			seen[name] = true
		}
		l.mu.RUnlock()
	}
}

// Discard is a Writer that keeps nothing: a build into it runs every
// stage, layouts included, and writes no file.
var Discard Writer = discard{}

type discard struct{}

func (discard) WriteFile(name string, data []byte) error { return checkName(name) }
