package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// buildOpsdocs compiles the opsdocs of this checkout into dir/bin.
func buildOpsdocs(dir string) (string, error) {
	bin := filepath.Join(dir, "bin", "opsdocs")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/opsdocs")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building opsdocs (run bench from the repository's root): %w", err)
	}
	return bin, nil
}

// findHugo returns the hugo on PATH, installing Debian's package when
// running as root.
func findHugo(log io.Writer) (string, error) {
	if p, err := exec.LookPath("hugo"); err == nil {
		return p, nil
	}
	how := "install Hugo with: sudo apt-get install hugo (or put a hugo binary on PATH)"
	if os.Geteuid() != 0 {
		return "", errors.New("hugo is not installed: " + how)
	}
	if _, err := exec.LookPath("apt-get"); err != nil {
		return "", errors.New("hugo is not installed: " + how)
	}
	fmt.Fprintln(log, "installing hugo with apt-get")
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "hugo"}} {
		cmd := exec.Command("apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("apt-get %s: %v: %s", strings.Join(args, " "), err, how)
		}
	}
	return exec.LookPath("hugo")
}

// findPagefind returns the pagefind binary of the npm package pagefind,
// installing the package into dir/tools when it is not there.
func findPagefind(dir string, log io.Writer) (string, error) {
	if p, err := exec.LookPath("pagefind"); err == nil {
		return p, nil
	}
	prefix := filepath.Join(dir, "tools")
	if bin := pagefindBinary(prefix); bin != "" {
		return bin, nil
	}
	how := fmt.Sprintf("install Pagefind with: npm install --prefix %s pagefind", prefix)
	if _, err := exec.LookPath("npm"); err != nil {
		return "", errors.New("pagefind is not installed and npm is missing: install Node.js and npm (sudo apt-get install npm), then " + how)
	}
	fmt.Fprintf(log, "installing pagefind with npm into %s\n", prefix)
	cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix, "pagefind@1")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("npm install pagefind: %v: %s", err, how)
	}
	bin := pagefindBinary(prefix)
	if bin == "" {
		return "", errors.New("npm installed pagefind without a binary for this system: " + how)
	}
	return bin, nil
}

// pagefindBinary finds the binary the npm package installed for this
// system: @pagefind/linux-x64/bin/pagefind (or pagefind_extended).
func pagefindBinary(prefix string) string {
	for _, name := range []string{"pagefind", "pagefind_extended"} {
		bins, _ := filepath.Glob(filepath.Join(prefix, "node_modules", "@pagefind", "*", "bin", name))
		if len(bins) > 0 {
			return bins[0]
		}
	}
	return ""
}

// toolVersion returns the first line a program prints for its version.
func toolVersion(bin, arg string) string {
	out, err := exec.Command(bin, arg).Output()
	if err != nil {
		return filepath.Base(bin) + " (version unknown)"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}
