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
	"maps"
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
	return os.WriteFile(filepath.Join(d.tmp, filepath.FromSlash(name)), data, 0o644)
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
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a copy of data under name.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	m.mu.Lock()
	m.files[name] = bytes.Clone(data)
	m.mu.Unlock()
	return nil
}

// Get returns the file stored under name.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Clone returns a new Memory holding the same files. It copies the
// names, not the data: files are never changed in place, only replaced,
// so the two may share them.
func (m *Memory) Clone() *Memory {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return &Memory{files: maps.Clone(m.files)}
}

// Remove forgets the file stored under name, if any.
func (m *Memory) Remove(name string) {
	m.mu.Lock()
	delete(m.files, name)
	m.mu.Unlock()
}

// Names returns the stored names in order.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Discard is a Writer that keeps nothing: a build into it runs every
// stage, layouts included, and writes no file.
var Discard Writer = discard{}

type discard struct{}

func (discard) WriteFile(name string, data []byte) error { return checkName(name) }
