package main

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/opsdocs/opsdocs/generator/content"
	"github.com/spf13/pflag"
)

// starters holds a commented starter page for each kind that opsdocs new
// writes.
//
//go:embed starters/*.md
var starters embed.FS

// kinds lists what opsdocs new can write, in the order of its help.
var kinds = []string{"page", "playbook", "roadmap", "kpis", "curriculum", "lesson"}

func runNew(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("new", "", stderr)
	source := flags.StringP("source", "s", ".", "the site's folder")
	now := flags.String("now", "", "the date to write as today, YYYY-MM-DD")
	flags.Usage = func() {
		fmt.Fprintf(stderr, `Write a commented starter page.

Usage:
  opsdocs new KIND PATH [flags]

KIND is one of %s. PATH is below the site's content/
folder (a leading content/ is allowed); .md is added when missing. A
curriculum is a folder: PATH/_index.md is written. An existing file is
never overwritten.

Flags:
%s`, strings.Join(kinds, ", "), flags.FlagUsages())
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "opsdocs new: %v\nRun \"opsdocs new --help\" for usage.\n", err)
		return exitUsage
	}
	if flags.NArg() != 2 {
		fmt.Fprintf(stderr, "opsdocs new: want a kind and a path, such as: opsdocs new playbook playbooks/onboarding-review\nRun \"opsdocs new --help\" for usage.\n")
		return exitUsage
	}
	kind, rel := flags.Arg(0), flags.Arg(1)
	if !slices.Contains(kinds, kind) {
		fmt.Fprintf(stderr, "opsdocs new: unknown kind %q: want one of %s\n", kind, strings.Join(kinds, ", "))
		return exitUsage
	}
	file, err := starterPath(kind, rel)
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs new: %v\n", err)
		return exitUsage
	}
	day, err := today(*now)
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs new: %v\n", err)
		return exitUsage
	}
	tmpl, err := fs.ReadFile(starters, "starters/"+kind+".md")
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs new: %v\n", err)
		return exitContent
	}
	name := path.Base(file)
	if _, index := content.URLFor(file); index {
		name = path.Base(path.Dir(file))
	}
	page := strings.NewReplacer(
		"TITLE", content.Humanize(name),
		"TODAY", day.Format("2006-01-02"),
		"YEAR", strconv.Itoa(day.Year()),
	).Replace(string(tmpl))

	root, err := os.OpenRoot(*source)
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs new: %v\n", err)
		return exitUsage
	}
	defer root.Close()
	target := "content/" + file
	if err := root.MkdirAll(path.Dir(target), 0o755); err != nil {
		fmt.Fprintf(stderr, "opsdocs new: %v\n", err)
		return exitContent
	}
	f, err := root.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "opsdocs new: %s already exists; nothing was written\n", target)
		return exitContent
	}
	if err == nil {
		_, err = io.WriteString(f, page)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		fmt.Fprintf(stderr, "opsdocs new: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "wrote %s\n", target)
	return exitOK
}

// starterPath returns the file below content/ that a starter of kind is
// written to, for the path given on the command line.
func starterPath(kind, p string) (string, error) {
	p = strings.ReplaceAll(p, `\`, "/")
	if path.IsAbs(p) || slices.Contains(strings.Split(p, "/"), "..") {
		return "", fmt.Errorf("%s: give a path below content/, without .. or a leading /", p)
	}
	p = strings.TrimPrefix(path.Clean(p), "content/")
	if p == "" || p == "." || p == "content" {
		return "", fmt.Errorf("want a path below content/, such as playbooks/onboarding-review")
	}
	if kind == "curriculum" {
		if _, index := content.URLFor(p); content.IsMarkdown(p) && !index {
			return "", fmt.Errorf("a curriculum is a folder: give the folder, such as onboarding/new-pm")
		}
		if !content.IsMarkdown(p) {
			p = path.Join(p, "_index.md")
		}
		return p, nil
	}
	if !content.IsMarkdown(p) {
		p += ".md"
	}
	return p, nil
}
