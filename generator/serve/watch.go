package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/opsdocs/opsdocs/generator/config"
	"github.com/opsdocs/opsdocs/generator/content"
)

// The folders of a site that are watched, with everything below them.
var watchedDirs = []string{"content", "layouts", "assets"}

// Coalescing: a batch of changes is handed over once no change has come
// for quiet, or maxWait after its first change while changes keep coming.
const (
	defaultQuiet   = 20 * time.Millisecond
	defaultMaxWait = time.Second
)

// A watcher reports the files of a site that change, in batches: an
// editor's atomic save, a checkout touching hundreds of files or a
// formatter run each make one batch, or a few, not one per event.
//
// fsnotify watches single folders, so the watcher adds every folder below
// content/, layouts/ and assets/, and each new folder as it appears; the
// site's root is watched for opsdocs.yaml and for those folders
// themselves. Files the build ignores (hidden, name~, .go) and editors'
// temporary files are not reported.
type watcher struct {
	root    string // the site's folder, cleaned
	fs      *fsnotify.Watcher
	quiet   time.Duration
	maxWait time.Duration
	batches chan []string
	warn    func(error) // problems that do not stop watching
	done    chan struct{}
	stopped chan struct{}
	once    sync.Once

	dirs map[string]bool // folders watched, relative to root, slash-separated; owned by loop
}

// watch starts watching the site in root.
func watch(root string, quiet, maxWait time.Duration, warn func(error)) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{
		root: filepath.Clean(root), fs: fw, quiet: quiet, maxWait: maxWait,
		batches: make(chan []string), warn: warn,
		done: make(chan struct{}), stopped: make(chan struct{}),
		dirs: map[string]bool{},
	}
	if err := fw.Add(w.root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		w.addTree(d, nil)
	}
	go w.loop()
	return w, nil
}

// close stops watching.
func (w *watcher) close() {
	w.once.Do(func() {
		close(w.done)
		<-w.stopped
		w.fs.Close()
	})
}

// next waits for the next batch of changed paths, relative to the site's
// root and sorted. An empty string stands for "anything may have
// changed", after the system lost events.
func (w *watcher) next(ctx context.Context) ([]string, error) {
	select {
	case b := <-w.batches:
		return b, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-w.stopped:
		return nil, errors.New("watcher stopped")
	}
}

func (w *watcher) loop() {
	defer close(w.stopped)
	pending := map[string]bool{}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var out chan []string // w.batches once a batch is ready, else nil
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if !w.event(ev, pending) {
				continue
			}
			now := time.Now()
			if first.IsZero() {
				first = now
			}
			out = nil
			timer.Reset(min(w.quiet, w.maxWait-now.Sub(first)))
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: look again for new folders, and
				// rebuild everything.
				for _, d := range watchedDirs {
					w.addTree(d, nil)
				}
				pending[""] = true
				if first.IsZero() {
					first = time.Now()
				}
				timer.Reset(w.quiet)
				continue
			}
			w.warn(err)
		case <-timer.C:
			if len(pending) > 0 {
				out = w.batches
			}
		case out <- sorted(pending):
			pending = map[string]bool{}
			first = time.Time{}
			out = nil
		}
	}
}

func sorted(set map[string]bool) []string {
	s := make([]string, 0, len(set))
	for p := range set {
		s = append(s, p)
	}
	slices.Sort(s)
	return s
}

// event records what ev changed in pending, and reports whether it
// concerns the site.
func (w *watcher) event(ev fsnotify.Event, pending map[string]bool) bool {
	if ev.Op == fsnotify.Chmod || ev.Op == 0 {
		return false // attributes: also sent on Linux when a file is removed
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	if !watched(rel) {
		return false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(rel)
	}
	if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) {
		info, err := os.Lstat(ev.Name)
		if err == nil && info.IsDir() {
			if !ev.Has(fsnotify.Create) {
				return false // some systems report a folder written when its entries change
			}
			// A new folder, perhaps moved in with its files: watch it
			// and report what it holds, since no event will. The folder
			// itself changes nothing until it holds files.
			w.addTree(rel, pending)
			return true
		}
	}
	pending[rel] = true
	return true
}

// watched reports whether a change to the file at rel, a slash-separated
// path from the site's root, can change the site: opsdocs.yaml, or a file
// below content/, layouts/ or assets/ that the build does not ignore and
// that is not an editor's temporary file.
func watched(rel string) bool {
	if rel == config.File {
		return true
	}
	top, rest, _ := strings.Cut(rel, "/")
	if !slices.Contains(watchedDirs, top) {
		return false
	}
	for _, seg := range strings.Split(rest, "/") {
		if seg != "" && content.Ignored(seg) {
			return false
		}
	}
	return !editorTemp(rel[strings.LastIndex(rel, "/")+1:])
}

// editorTemp reports whether name is one of the files editors write while
// saving, beside the file they save: vim's 4913, emacs' #page.md#,
// JetBrains' page.md___jb_tmp___, swap files. Hidden ones (.page.md.swp,
// .#page.md) are ignored anyway.
func editorTemp(name string) bool {
	if name == "" {
		return false
	}
	if strings.Trim(name, "0123456789") == "" {
		return true
	}
	if strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") {
		return true
	}
	for _, suffix := range []string{"___jb_tmp___", "___jb_old___", ".swp", ".swx", ".kate-swp", ".crswap"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// addTree watches the folder rel and every folder below it that the build
// reads. With pending set, it also records every file found there.
func (w *watcher) addTree(rel string, pending map[string]bool) {
	dir := filepath.Join(w.root, filepath.FromSlash(rel))
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: the build reports it
		}
		r, _ := filepath.Rel(w.root, p)
		r = filepath.ToSlash(r)
		if p != dir && !watched(r) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if pending != nil {
				pending[r] = true
			}
			return nil
		}
		if w.dirs[r] {
			return nil
		}
		if err := w.fs.Add(p); err != nil {
			w.warn(watchError(r, err))
			return filepath.SkipDir
		}
		w.dirs[r] = true
		return nil
	})
}

// forget stops watching the folder rel, removed or moved away, and every
// folder below it. Watches follow a moved folder to its new place under
// its old name, so they are dropped and made again where it now is.
func (w *watcher) forget(rel string) {
	for d := range w.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			w.fs.Remove(filepath.Join(w.root, filepath.FromSlash(d)))
			delete(w.dirs, d)
		}
	}
}

func watchError(rel string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return &WatchError{Path: rel, Err: errors.New("the system's limit on watched folders is reached: raise it (on Linux, sysctl fs.inotify.max_user_watches=524288) and restart")}
	}
	return &WatchError{Path: rel, Err: err}
}

// A WatchError is a folder that cannot be watched: changes below it are
// not seen until the preview is restarted.
type WatchError struct {
	Path string
	Err  error
}

func (e *WatchError) Error() string {
	return e.Path + ": cannot watch for changes: " + e.Err.Error()
}

func (e *WatchError) Unwrap() error { return e.Err }
