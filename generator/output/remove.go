package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// removeWorkers bounds the goroutines removing a tree. Removal waits on
// the file system more than on the processor, so it uses more goroutines
// than there are cores.
const removeWorkers = 16

// removeTree removes the folder root and everything below it, like
// os.RemoveAll but with the folders emptied concurrently: a built site is
// one folder per page, and removing the previous site one file at a time
// took longer than building the new one.
func removeTree(root string) error {
	if _, err := os.Lstat(root); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	r := &remover{sem: make(chan struct{}, removeWorkers)}
	r.dir(root)
	r.wg.Wait()
	if r.err != nil {
		// Whatever a concurrent pass could not remove, the plain one
		// reports with its path.
		return os.RemoveAll(root)
	}
	return nil
}

type remover struct {
	sem chan struct{}
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

func (r *remover) fail(err error) {
	r.mu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.mu.Unlock()
}

// dir empties and removes one folder, handing its sub-folders to other
// goroutines while there are free ones, else removing them itself.
func (r *remover) dir(path string) {
	entries, err := os.ReadDir(path)
	if err != nil {
		r.fail(err)
		return
	}
	var wg sync.WaitGroup
	for _, e := range entries {
		p := filepath.Join(path, e.Name())
		if !e.IsDir() {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				r.fail(err)
			}
			continue
		}
		select {
		case r.sem <- struct{}{}:
			wg.Add(1)
			go func() {
				defer func() { <-r.sem; wg.Done() }()
				r.dir(p)
			}()
		default:
			r.dir(p)
		}
	}
	wg.Wait()
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		r.fail(err)
	}
}
