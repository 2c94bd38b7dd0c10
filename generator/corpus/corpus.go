// Package corpus generates a synthetic product-operations site, the input
// of opsdocs' benchmarks: a site of any size, the same bytes for the same
// options, shaped like a real portal.
//
// # The site
//
// A generated site has opsdocs.yaml and a content/ folder whose every
// folder has an _index.md. Its top-level sections hold, as shares of the
// pages:
//
//	teams/       40%  team handbooks, nested team/area/...
//	guides/      20%  how-to pages, nested by topic
//	onboarding/  15%  curricula (_index.md with type: curriculum) and their lessons
//	playbooks/    8%  type: playbook, with RACI roles and templates
//	decisions/    6%  decision records in large folders by year
//	kpis/         5%  type: kpis, each KPI with a site-wide unique id
//	roadmaps/     4%  type: roadmap, items linking to pages of the site
//	templates/    2%  the templates playbooks point to
//
// Bodies mix prose with inline markup, headings, nested lists, task
// lists, tables, fenced code in several languages, alerts, footnotes,
// definition lists and images (small PNG and SVG files under each
// section's images/ folder). Links between pages are relative .md links,
// often to a heading; every link and anchor points at something that
// exists, so a generated site builds without diagnostics. Pages average
// about 4.8 KB of Markdown.
//
// Structured front matter follows the content model: roadmap items, KPI
// tables, lessons with module, order, duration, prerequisites (always
// earlier lessons of the same curriculum) and outcomes, and playbooks with
// roles and templates. Every page carries an owner and review dates.
package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Options say what to generate.
type Options struct {
	// Pages is the number of Markdown pages, section pages included. It
	// is at least 20.
	Pages int
	// Seed selects one of the possible sites; the same seed and page
	// count give the same bytes.
	Seed uint64
}

// A File is one file of a generated site.
type File struct {
	// Path is slash-separated from the site's root: "opsdocs.yaml",
	// "content/playbooks/_index.md".
	Path string
	Data []byte
}

// Summary counts what a generation made.
type Summary struct {
	Pages         int // Markdown files
	Files         int // every file, opsdocs.yaml and images included
	MarkdownBytes int64
	// Types counts the pages of each front-matter type; section pages of
	// plain folders count as "section".
	Types map[string]int
}

// MinPages is the smallest site Generate makes: one page in each section.
const MinPages = 20

// Generate makes the site described by opts and calls emit for each of its
// files, in a fixed order. It stops at the first error emit returns.
func Generate(opts Options, emit func(File) error) (Summary, error) {
	if opts.Pages < MinPages {
		return Summary{}, fmt.Errorf("corpus: %d pages is too few: ask for at least %d", opts.Pages, MinPages)
	}
	s := newSite(opts)
	sum := Summary{Types: map[string]int{}}
	count := func(f File) error {
		sum.Files++
		if path.Ext(f.Path) == ".md" {
			sum.Pages++
			sum.MarkdownBytes += int64(len(f.Data))
		}
		return emit(f)
	}
	if err := count(File{"opsdocs.yaml", s.config()}); err != nil {
		return sum, err
	}
	for _, img := range s.images {
		if err := count(File{"content/" + img.path, img.data}); err != nil {
			return sum, err
		}
	}
	w := newWriter(s)
	for _, p := range s.pages {
		sum.Types[p.typeName()]++
		if err := count(File{"content/" + p.path, w.page(p)}); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// Write generates the site into dir, which must not exist or be empty.
func Write(dir string, opts Options) (Summary, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return Summary{}, fmt.Errorf("corpus: %s is not empty: choose a new folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Summary{}, err
	}
	made := map[string]bool{}
	return Generate(opts, func(f File) error {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(name); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		return os.WriteFile(name, f.Data, 0o644)
	})
}
