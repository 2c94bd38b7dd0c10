package sitefs_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"

	"github.com/opsdocs/opsdocs/generator/sitefs"
)

// site makes a site's folder with a file outside it, and returns both.
func site(t *testing.T) (dir, outside string) {
	t.Helper()
	base := t.TempDir()
	dir = filepath.Join(base, "site")
	outside = filepath.Join(base, "secret.txt")
	for name, data := range map[string]string{
		"content/a.md":      "A",
		"content/b/c.md":    "C",
		"content/b/d/e.txt": "E",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, outside
}

func open(t *testing.T, dir string) *sitefs.FS {
	t.Helper()
	f, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func sub(t *testing.T, fsys fs.FS, dir string) fs.FS {
	t.Helper()
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.(io.Closer).Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func TestFS(t *testing.T) {
	dir, _ := site(t)
	f := open(t, dir)
	if err := fstest.TestFS(f, "content/a.md", "content/b/c.md", "content/b/d/e.txt"); err != nil {
		t.Error(err)
	}
	if err := fstest.TestFS(sub(t, f, "content/b"), "c.md", "d/e.txt"); err != nil {
		t.Error(err)
	}
	if err := fstest.TestFS(sub(t, f, "."), "content/a.md"); err != nil {
		t.Error(err)
	}
	got, err := fs.ReadFile(sub(t, f, "content/b"), "c.md")
	if err != nil || string(got) != "C" {
		t.Errorf("ReadFile(c.md) = %q, %v; want C", got, err)
	}
}

func TestSubErrors(t *testing.T) {
	dir, _ := site(t)
	f := open(t, dir)
	for _, d := range []string{"../site", "/content", "content/a.md", "missing"} {
		if s, err := f.Sub(d); err == nil {
			s.(io.Closer).Close()
			t.Errorf("Sub(%q) succeeded", d)
		}
	}
	s := sub(t, f, "content")
	_, err := s.Open("missing.md")
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != "missing.md" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(missing.md) error = %v; want a PathError for missing.md, not existing", err)
	}
	if _, err := s.Open("../content/a.md"); err == nil {
		t.Error("Open(../content/a.md) succeeded")
	}
}

func TestSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir, outside := site(t)
	if err := os.Symlink(outside, filepath.Join(dir, "content", "out.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.md", filepath.Join(dir, "content", "in.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../content/b", filepath.Join(dir, "content", "link")); err != nil {
		t.Fatal(err)
	}
	f := open(t, dir)
	s := sub(t, f, "content")
	if data, err := fs.ReadFile(s, "out.md"); err == nil {
		t.Errorf("read %q through a link that leaves the site", data)
	}
	if data, err := fs.ReadFile(s, "in.md"); err != nil || string(data) != "A" {
		t.Errorf("ReadFile(in.md), a link within the site = %q, %v; want A", data, err)
	}
	if data, err := fs.ReadFile(s, "link/c.md"); err != nil || string(data) != "C" {
		t.Errorf("ReadFile(link/c.md) = %q, %v; want C", data, err)
	}
}
