package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/opsdocs/opsdocs/generator/diag"
)

// MaxPageSize is the largest Markdown file a site may hold. A larger file
// is almost always an export or a log pasted by mistake, and would make
// its page unusable.
const MaxPageSize = 4 << 20

// A File is a non-Markdown file below content/, published unchanged at the
// same path: content/playbooks/flow.png is served at /playbooks/flow.png.
type File struct {
	Path string // below content/, slash-separated
	URL  string
}

// A Set is what Load found below content/.
type Set struct {
	Pages []*Page // ordered by Path
	Files []File  // ordered by Path
}

// LoadOptions adjust what Load keeps.
type LoadOptions struct {
	// Drafts keeps pages marked draft: true.
	Drafts bool
	// Keys are front-matter keys known besides KnownKeys, used to
	// suggest the right spelling of a mistyped key.
	Keys []string
	// Decode, when set, is called with every page as soon as it is
	// loaded, on the goroutine that loaded it, before the page lets go of
	// the front matter Keep leaves out: it decodes the structured content
	// that is not read later from the page's front matter. It is not
	// called with a draft unless Drafts is set, so that the problems of a
	// page left out of the site are not reported.
	Decode func(pg *Page, diags *diag.List)
	// Keep, when not nil, are the front-matter keys a page keeps in Meta
	// once it is loaded (and decoded): those read later. Every key is
	// decoded into the page's fields and Params as the page loads; the
	// nodes of the others are let go of, which on a large site is most of
	// the memory its front matter takes (see FrontMatter.Only).
	Keep []string
}

// Load reads every file below the folder content of fsys. Markdown files
// become pages; other files are published as they are. Problems are
// reported to diags with their file and line, and a file that cannot be
// used is left out while the rest of the site still loads.
func Load(fsys fs.FS, opts LoadOptions, diags *diag.List) *Set {
	set := &Set{}
	// Pages are read while the walk goes on, on all cores, as their
	// paths are found, each through the file system of its folder (see
	// folder).
	known := slices.Concat(KnownKeys(), opts.Keys)
	jobs := make(chan pageJob, 256)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				pg := loadPageFrom(j.dir.fsys, path.Base(j.path), j.path, known, opts, diags)
				j.dir.release()
				if pg != nil && (!pg.Draft || opts.Drafts) {
					mu.Lock()
					set.Pages = append(set.Pages, pg)
					mu.Unlock()
				}
			}
		}()
	}
	var dir *folder // the folder of the last page found
	page := func(p, rel string) {
		if d := path.Dir(p); dir == nil || dir.path != d {
			dir.release()
			dir = openFolder(fsys, d)
		}
		dir.refs.Add(1)
		jobs <- pageJob{dir, rel}
	}
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		rel := strings.TrimPrefix(strings.TrimPrefix(p, "content"), "/")
		if err != nil {
			if p == "content" {
				return err
			}
			diags.Errorf(p, 0, diag.UnreadableFile, "cannot read: %v", unwrapPath(err))
			return nil
		}
		name := d.Name()
		if p != "content" && Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case d.Type()&fs.ModeSymlink != 0:
			info, err := fs.Stat(fsys, p)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				diags.Errorf(p, 0, diag.UnreadableFile, "symbolic link to a file that does not exist: point it at a file below the site, or remove it")
			case err != nil:
				diags.Errorf(p, 0, diag.UnreadableFile, "cannot follow symbolic link (%v): point it at a file below the site's folder, or copy the file in", unwrapPath(err))
			case info.IsDir():
				diags.Warnf(p, 0, diag.UnreadableFile, "symbolic link to a folder is not followed; copy the folder or link its files one by one")
			case IsMarkdown(name):
				page(p, rel)
			default:
				set.Files = append(set.Files, File{Path: rel, URL: "/" + rel})
			}
		case !d.Type().IsRegular():
			diags.Warnf(p, 0, diag.UnreadableFile, "not a regular file; left out")
		case IsMarkdown(name):
			page(p, rel)
		default:
			set.Files = append(set.Files, File{Path: rel, URL: "/" + rel})
		}
		return nil
	})
	dir.release()
	close(jobs)
	wg.Wait()
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf("content", 0, diag.UnreadableFile, "no content folder: put the site's Markdown in content/ (or pass --source)")
		} else {
			diags.Errorf("content", 0, diag.UnreadableFile, "cannot read: %v", unwrapPath(err))
		}
		set.Pages = nil
		return set
	}
	slices.SortFunc(set.Pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(set.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return set
}

// LoadPage reads the page stored at the slash path p below content/, as
// Load does, reporting its problems to diags. It returns nil when the
// file cannot be used as a page. Unlike Load, it keeps a page marked
// draft whatever opts say: the caller decides.
func LoadPage(fsys fs.FS, p string, opts LoadOptions, diags *diag.List) *Page {
	return loadPage(fsys, p, slices.Concat(KnownKeys(), opts.Keys), opts, diags)
}

// Ignored reports whether a file or folder is left out of the site: hidden
// names (.git, .DS_Store), editor backups (page.md~) and Go source files,
// such as the embed.go that builds a site into a program.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".go")
}

// IsMarkdown reports whether a file name is a page's: .md or .markdown.
func IsMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

func loadPage(fsys fs.FS, p string, known []string, opts LoadOptions, diags *diag.List) *Page {
	return loadPageFrom(fsys, "content/"+p, p, known, opts, diags)
}

// loadPageFrom is loadPage reading the page from fsys at name.
func loadPageFrom(fsys fs.FS, name, p string, known []string, opts LoadOptions, diags *diag.List) *Page {
	file := "content/" + p
	src, size, err := readPage(fsys, name)
	if err != nil {
		diags.Errorf(file, 0, diag.UnreadableFile, "cannot read: %v", unwrapPath(err))
		return nil
	}
	if size > MaxPageSize {
		diags.Errorf(file, 0, diag.UnreadableFile, "file is %.1f MiB, over the %d MiB limit for a page: split it into several pages", float64(size)/(1<<20), MaxPageSize>>20)
		return nil
	}
	if len(src) == 0 {
		diags.Errorf(file, 0, diag.BadFrontMatter, "file is empty: add a title and some text, or delete it")
		return nil
	}
	src = trimBOM(src)
	if !utf8.Valid(src) {
		line, col := invalidUTF8At(src)
		diags.Add(diag.Diagnostic{Path: file, Line: line, Column: col, Severity: diag.Error, Code: diag.BadEncoding,
			Message: "file is not valid UTF-8: save it as UTF-8 in your editor"})
		return nil
	}
	pg, errs := ParsePage(p, src)
	for _, err := range errs {
		reportAt(diags, file, diag.BadFrontMatter, err)
	}
	if pg == nil {
		return nil
	}
	pg.File = file
	if line := misplacedFrontMatter(src); line > 0 {
		diags.Warnf(file, line, diag.BadFrontMatter, "this looks like front matter, but front matter must start on the first line: remove the lines above it")
	}
	for _, err := range CheckKeys(pg.Meta, known) {
		var e *Error
		errors.As(err, &e)
		diags.Warnf(file, e.Line, diag.UnknownKey, "%s", e.Msg)
	}
	if opts.Decode != nil && (!pg.Draft || opts.Drafts) {
		opts.Decode(pg, diags)
	}
	if opts.Keep != nil {
		pg.Meta = pg.Meta.Only(opts.Keep)
	}
	return pg
}

// A pageJob is a page for Load to read: its path below content/ and its
// folder.
type pageJob struct {
	dir  *folder
	path string
}

// A folder is the file system of a folder of content/, from fs.Sub: for a
// site read with package sitefs, opening a file by its name in its folder
// costs a system call, by its path from the site's root one per folder
// on the way. It is closed once the walk has left it and its pages are
// read.
type folder struct {
	path string
	fsys fs.FS
	refs atomic.Int32 // the walk's and one per page not yet read
}

func openFolder(fsys fs.FS, dir string) *folder {
	f := &folder{path: dir}
	f.refs.Store(1)
	if sub, err := fs.Sub(fsys, dir); err == nil {
		f.fsys = sub
	} else {
		// Read the pages by their paths, which reports the error.
		f.fsys = prefixFS{fsys, dir}
	}
	return f
}

func (f *folder) release() {
	if f == nil || f.refs.Add(-1) > 0 {
		return
	}
	if c, ok := f.fsys.(io.Closer); ok {
		c.Close()
	}
}

// prefixFS opens names in dir of fsys.
type prefixFS struct {
	fsys fs.FS
	dir  string
}

func (p prefixFS) Open(name string) (fs.File, error) { return p.fsys.Open(p.dir + "/" + name) }

// readPage reads a page, opening it once.
// A file over MaxPageSize is not read: its size is returned with no data.
func readPage(fsys fs.FS, name string) (src []byte, size int64, err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if info.Size() > MaxPageSize {
		return nil, info.Size(), nil
	}
	// One byte more than the size, to see the end of the file in one read.
	buf := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		if len(buf) > MaxPageSize {
			return nil, int64(len(buf)), nil // grew while being read
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
	return buf, int64(len(buf)), nil
}

// reportAt records err as an error of file, at its line when it has one.
func reportAt(diags *diag.List, file, code string, err error) {
	var e *Error
	if errors.As(err, &e) {
		diags.Errorf(file, e.Line, code, "%s", e.Msg)
		return
	}
	diags.Errorf(file, 0, code, "%v", err)
}

// misplacedFrontMatter returns the line of a front-matter delimiter that
// follows only blank lines, or 0.
func misplacedFrontMatter(src []byte) int {
	line := 1
	for len(src) > 0 {
		l, rest, _ := bytes.Cut(src, []byte("\n"))
		switch strings.TrimSpace(string(l)) {
		case "":
			line++
			src = rest
			continue
		case "---", "+++":
			if line > 1 {
				return line
			}
		}
		return 0
	}
	return 0
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

func invalidUTF8At(b []byte) (line, col int) {
	line, col = 1, 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		b = b[size:]
	}
	return line, col
}

// unwrapPath drops the path from a *fs.PathError: diagnostics already name
// the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
