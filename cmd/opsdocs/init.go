package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	democontent "github.com/opsdocs/opsdocs/content"
	"github.com/opsdocs/opsdocs/generator/content"
)

func runInit(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("init", "Start a new site from the demo portal: writes DIR/content/ (default: the current folder).", stderr)
	flags.Usage = func() {
		fmt.Fprintf(stderr, "Start a new site from the demo portal.\n\nUsage:\n  opsdocs init [DIR]\n\nIt writes DIR/content/ (DIR defaults to the current folder) and refuses to touch an existing content/ folder.\n")
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "opsdocs init: %v\n", err)
		return exitUsage
	}
	if flags.NArg() > 1 {
		fmt.Fprintf(stderr, "opsdocs init: want at most one folder, got %d\n", flags.NArg())
		return exitUsage
	}
	dir := "."
	if flags.NArg() == 1 {
		dir = flags.Arg(0)
	}
	dest := filepath.Join(dir, "content")
	if _, err := os.Lstat(dest); err == nil {
		fmt.Fprintf(stderr, "opsdocs init: %s already exists; nothing was written\n", dest)
		return exitContent
	}
	n := 0
	err := fs.WalkDir(democontent.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && content.Ignored(d.Name()) {
			return nil
		}
		target := filepath.Join(dest, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(democontent.FS, p)
		if err != nil {
			return err
		}
		n++
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs init: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "wrote %d files to %s\nnext: opsdocs build --source %s\n", n, dest, dir)
	return exitOK
}
