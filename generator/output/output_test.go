package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestDirSwap(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")

	d, err := NewDir(dest, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the destination exists before Commit")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}

	// A second build replaces the first as a whole; an aborted third
	// leaves the second in place.
	d, err = NewDir(dest, false)
	if err != nil {
		t.Fatalf("replacing our own folder: %v", err)
	}
	d.WriteFile("b/index.html", []byte("two"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	d, _ = NewDir(dest, false)
	d.WriteFile("c/index.html", []byte("three"))
	d.Abort()

	if _, err := os.Stat(filepath.Join(dest, "a/index.html")); err == nil {
		t.Error("a file of the first build survived the second")
	}
	if b, err := os.ReadFile(filepath.Join(dest, "b/index.html")); err != nil || string(b) != "two" {
		t.Errorf("second build's file = %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dest, "c")); err == nil {
		t.Error("an aborted build wrote to the destination")
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("temporary folders left beside the output: %v", names)
	}
}

func TestDirRefuses(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "docs")
	os.Mkdir(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "mine.txt"), []byte("x"), 0o644)
	if _, err := NewDir(dest, false); !errors.Is(err, ErrNotOurs) {
		t.Errorf("NewDir on a folder of someone else's = %v, want ErrNotOurs", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "mine.txt")); err != nil {
		t.Error("the folder was touched")
	}
	// An empty folder is fine; so is --force.
	empty := filepath.Join(parent, "empty")
	os.Mkdir(empty, 0o755)
	if d, err := NewDir(empty, false); err != nil {
		t.Errorf("empty folder: %v", err)
	} else {
		d.Abort()
	}
	if d, err := NewDir(dest, true); err != nil {
		t.Errorf("with force: %v", err)
	} else {
		d.Abort()
	}
}

func TestNamesStayInside(t *testing.T) {
	d, err := NewDir(filepath.Join(t.TempDir(), "out"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	m := NewMemory()
	for _, name := range []string{"../x", "/etc/passwd", "a/../../x", "", ".", "a//b", `a\..\x`} {
		if err := d.WriteFile(name, nil); err == nil && name != `a\..\x` {
			t.Errorf("Dir accepted %q", name)
		}
		if err := m.WriteFile(name, nil); err == nil && name != `a\..\x` {
			t.Errorf("Memory accepted %q", name)
		}
	}
}

func TestRemoveTree(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "old-site")
	outside := filepath.Join(parent, "keep")
	os.MkdirAll(outside, 0o755)
	os.WriteFile(filepath.Join(outside, "precious.txt"), []byte("x"), 0o644)
	for i := range 40 {
		dir := filepath.Join(root, "section", strconv.Itoa(i%7), "page-"+strconv.Itoa(i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "index.html"), []byte("page"), 0o644)
	}
	os.MkdirAll(filepath.Join(root, "empty", "deeper"), 0o755)
	// A link to a folder outside is removed, not followed.
	if err := os.Symlink(outside, filepath.Join(root, "section", "link")); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(root); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the tree is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "precious.txt")); err != nil {
		t.Errorf("a file outside the tree was removed: %v", err)
	}
	if err := removeTree(root); err != nil {
		t.Errorf("removing a missing tree: %v", err)
	}
}

func TestMemoryLayer(t *testing.T) {
	m := NewMemory()
	m.WriteFile("a.html", []byte("a"))
	m.WriteFile("b.html", []byte("b"))
	m.WriteFile("d.html", []byte("d"))
	want := map[string]string{"a.html": "a", "b.html": "b", "d.html": "d"}
	// Each layer replaces a file, removes one and adds one; past
	// maxLayers the layers are flattened.
	for i := range 2*maxLayers + 3 {
		next := m.Layer()
		a, c := fmt.Sprintf("A%d", i), fmt.Sprintf("c%d.html", i)
		next.WriteFile("a.html", []byte(a))
		next.WriteFile(c, []byte(c))
		next.Remove("b.html")
		next.Remove(fmt.Sprintf("c%d.html", i-1))
		if i == 3 {
			next.WriteFile("b.html", []byte("b again"))
		}
		if got, _ := m.Get("a.html"); string(got) != want["a.html"] {
			t.Fatalf("layer %d: writing to the layer changed the Memory below: a.html = %q", i, got)
		}
		want["a.html"], want[c] = a, c
		delete(want, "b.html")
		delete(want, fmt.Sprintf("c%d.html", i-1))
		if i == 3 {
			want["b.html"] = "b again"
		}
		m = next
		if m.depth >= maxLayers {
			t.Fatalf("layer %d is %d deep", i, m.depth)
		}
		var names []string
		for n, data := range want {
			names = append(names, n)
			if got, ok := m.Get(n); !ok || string(got) != data {
				t.Errorf("layer %d: %s = %q, %v; want %q", i, n, got, ok, data)
			}
		}
		slices.Sort(names)
		if got := strings.Join(m.Names(), " "); got != strings.Join(names, " ") {
			t.Errorf("layer %d holds %s, want %s", i, got, strings.Join(names, " "))
		}
		if _, ok := m.Get("b.html"); ok != (want["b.html"] != "") {
			t.Errorf("layer %d: b.html there: %v", i, ok)
		}
	}
}

// TestDirWriteFile checks that files written read back as written, with
// the mode os.WriteFile gives, replaced when written again, and that
// a file that cannot be written is an error naming it.
func TestDirWriteFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	d, err := NewDir(dest, false)
	if err != nil {
		t.Fatal(err)
	}
	big := []byte(strings.Repeat("0123456789", 300_000))
	files := map[string][]byte{"empty.txt": {}, "a/b/big.bin": big, "a/index.html": []byte("old")}
	for name, data := range files {
		if err := d.WriteFile(name, data); err != nil {
			t.Fatal(err)
		}
	}
	files["a/index.html"] = []byte("new")
	if err := d.WriteFile("a/index.html", files["a/index.html"]); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/b", []byte("x")); err == nil || !strings.Contains(err.Error(), filepath.Join("a", "b")) {
		t.Errorf("writing over a folder: %v, want an error naming it", err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	if err := os.WriteFile(ref, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	refInfo, err := os.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		p := filepath.Join(dest, filepath.FromSlash(name))
		got, err := os.ReadFile(p)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: read back %d bytes (%v), want %d", name, len(got), err, len(want))
		}
		if fi, err := os.Stat(p); err != nil {
			t.Error(err)
		} else if fi.Mode() != refInfo.Mode() {
			t.Errorf("%s: mode %v, want %v as os.WriteFile gives", name, fi.Mode(), refInfo.Mode())
		}
	}
}
