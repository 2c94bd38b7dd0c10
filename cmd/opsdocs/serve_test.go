package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A server is "opsdocs serve" running in the test.
type server struct {
	url            string // with a trailing slash
	stdout, stderr *syncBuffer
	stop           context.CancelFunc
	code           chan int
}

// startServe runs "opsdocs serve" on the site in dir, on a free port, and
// waits until it serves.
func startServe(t *testing.T, dir string, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{stdout: &syncBuffer{}, stderr: &syncBuffer{}, stop: cancel, code: make(chan int, 1)}
	go func() {
		s.code <- run(ctx, append([]string{"serve", "-s", dir, "--port", "0", "--now", "2026-11-20"}, args...), s.stdout, s.stderr)
	}()
	urlRE := regexp.MustCompile(`serving at (http://\S+)`)
	for i := 0; i < 500 && s.url == ""; i++ {
		if m := urlRE.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	if s.url == "" {
		cancel()
		t.Fatalf("server did not start; stderr: %s", s.stderr.String())
	}
	t.Cleanup(cancel)
	return s
}

// stopped stops the server as Ctrl-C does and returns its exit status.
func (s *server) stopped(t *testing.T) int {
	t.Helper()
	s.stop()
	select {
	case c := <-s.code:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop")
		return -1
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(body)
}

func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "guide.md"), []byte("# Guide\n\nHello.\n"), 0o644)
	return dir
}

// TestServe serves a site, reloads it after an edit, and stops on Ctrl-C
// with the event streams closed.
func TestServe(t *testing.T) {
	dir := newSite(t)
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("# Secret\n"), 0o644)
	os.Symlink(outside, filepath.Join(dir, "content", "escape.md"))
	s := startServe(t, dir)

	code, body := get(t, s.url+"guide/")
	if code != 200 || !strings.Contains(body, "<h1") || !strings.Contains(body, "Hello.") {
		t.Errorf("GET /guide/: %d %.200s", code, body)
	}
	if code, body := get(t, s.url+"escape/"); code != 404 || strings.Contains(body, "Secret") {
		t.Errorf("GET /escape/, a link out of the site: %d %.200s", code, body)
	}
	if !strings.Contains(s.stderr.String(), "content/escape.md: error: cannot follow symbolic link") {
		t.Errorf("stderr does not report the link out of the site: %s", s.stderr.String())
	}

	resp, err := http.Get(s.url + "_opsdocs/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 100)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- name
			}
		}
	}()
	os.WriteFile(filepath.Join(dir, "content", "guide.md"), []byte("# Guide\n\nEdited.\n"), 0o644)
	for name := range events {
		if name == "reload" {
			break
		}
	}
	if _, body := get(t, s.url+"guide/"); !strings.Contains(body, "Edited.") {
		t.Errorf("after the reload event, GET /guide/ is still %.300s", body)
	}
	if !strings.Contains(s.stdout.String(), "content/guide.md changed: rebuilt") {
		t.Errorf("stdout = %q", s.stdout.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("serve wrote public/")
	}

	if c := s.stopped(t); c != 0 {
		t.Errorf("exit status %d after Ctrl-C, want 0", c)
	}
	for range events {
	} // ends only when the server closed the stream
	if !strings.HasSuffix(s.stdout.String(), "stopped\n") {
		t.Errorf("stdout = %q, want it to end with stopped", s.stdout.String())
	}
}

// TestServeBrokenLayout starts with a layout that fails: serve says so and
// keeps running, and serves the site once the layout is fixed.
func TestServeBrokenLayout(t *testing.T) {
	dir := newSite(t)
	layout := filepath.Join(dir, "layouts", "page.html")
	os.MkdirAll(filepath.Dir(layout), 0o755)
	os.WriteFile(layout, []byte(`{{define "main"}}{{.Page.Nope}}{{end}}`), 0o644)
	s := startServe(t, dir)
	if !strings.Contains(s.stdout.String(), "the site could not be built") {
		t.Errorf("stdout = %q", s.stdout.String())
	}
	if !strings.Contains(s.stderr.String(), "layouts/page.html:1: error: rendering /guide/:") {
		t.Errorf("stderr = %q", s.stderr.String())
	}
	if code, _ := get(t, s.url+"guide/"); code != http.StatusServiceUnavailable {
		t.Errorf("GET /guide/ before the fix: %d, want 503", code)
	}
	os.WriteFile(layout, []byte(`{{define "main"}}{{.Page.Content}}{{end}}`), 0o644)
	for i := 0; ; i++ {
		code, body := get(t, s.url+"guide/")
		if code == 200 && strings.Contains(body, "Hello.") {
			break
		}
		if i == 500 {
			t.Fatalf("the fixed site is not served: %d %.200s", code, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if c := s.stopped(t); c != 0 {
		t.Errorf("exit status %d, want 0", c)
	}
}

// TestServeOpen checks that --open runs the system's opener with the
// preview's address, and that a missing opener is only a warning.
func TestServeOpen(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the opener is xdg-open on Linux only")
	}
	bin := t.TempDir()
	got := filepath.Join(t.TempDir(), "opened")
	os.WriteFile(filepath.Join(bin, "xdg-open"), []byte("#!/bin/sh\necho \"$1\" > "+got+"\n"), 0o755)
	t.Setenv("PATH", bin)
	s := startServe(t, newSite(t), "--open")
	var opened []byte
	for i := 0; i < 500 && len(opened) == 0; i++ {
		opened, _ = os.ReadFile(got)
		time.Sleep(20 * time.Millisecond)
	}
	if strings.TrimSpace(string(opened)) != s.url {
		t.Errorf("xdg-open got %q, want %q", opened, s.url)
	}
	s.stopped(t)

	t.Setenv("PATH", t.TempDir())
	s = startServe(t, newSite(t), "--open")
	if code, _ := get(t, s.url+"guide/"); code != 200 {
		t.Errorf("without a browser to open, GET /guide/: %d", code)
	}
	if want := "could not open a browser"; !strings.Contains(s.stderr.String(), want) || !strings.Contains(s.stderr.String(), "open "+s.url+" yourself") {
		t.Errorf("stderr = %q, want %q and the address", s.stderr.String(), want)
	}
	if c := s.stopped(t); c != 0 {
		t.Errorf("exit status %d, want 0", c)
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	var stdout, stderr bytes.Buffer
	if c := run(context.Background(), []string{"serve", "--port", port}, &stdout, &stderr); c != exitUsage {
		t.Errorf("exit status %d, want %d", c, exitUsage)
	}
	if want := "port " + port + " is in use: pass --port with another number"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
}

// TestServeBind checks that listening on anything but loopback warns.
func TestServeBind(t *testing.T) {
	s := startServe(t, newSite(t), "--bind", "0.0.0.0")
	if want := "warning: listening on 0.0.0.0 makes the preview reachable from other machines"; !strings.Contains(s.stderr.String(), want) {
		t.Errorf("stderr = %q, want %q", s.stderr.String(), want)
	}
	s.stopped(t)
	s = startServe(t, newSite(t))
	if strings.Contains(s.stderr.String(), "warning") {
		t.Errorf("on loopback, stderr = %q", s.stderr.String())
	}
	s.stopped(t)
}
