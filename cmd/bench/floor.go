package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// goldmarkFloor reads every Markdown file below dir and converts its body
// with goldmark and the GitHub extensions, on all cores: the least any
// Markdown site generator has to do.
func goldmarkFloor(dir string) (time.Duration, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList))
	start := time.Now()
	jobs := make(chan string)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				src, err := os.ReadFile(f)
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					continue
				}
				md.Convert(body(src), io.Discard)
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	d := time.Since(start)
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	return d, nil
}

// body drops a front-matter block.
func body(src []byte) []byte {
	for _, delim := range []string{"---\n", "+++\n"} {
		if bytes.HasPrefix(src, []byte(delim)) {
			if i := bytes.Index(src[len(delim):], []byte("\n"+delim)); i >= 0 {
				return src[len(delim)+i+len(delim)+1:]
			}
		}
	}
	return src
}
