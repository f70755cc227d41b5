package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFileAtomic: the file appears whole, through a link the linked
// file is written, a device is written as it is, and a failure leaves
// nothing.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.json")
	link := filepath.Join(dir, "link.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "new.json"), target, link} {
		if err := writeFileAtomic(path, []byte("{}\n")); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if b, err := os.ReadFile(path); err != nil || string(b) != "{}\n" {
			t.Errorf("%s holds %q, %v", path, b, err)
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a link: %v", link, err)
	}
	var names []string
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "link.json new.json target.json" {
		t.Errorf("folder holds %s", got)
	}

	if err := writeFileAtomic(os.DevNull, []byte("{}\n")); err != nil {
		t.Errorf("%s: %v", os.DevNull, err)
	}
	if st, err := os.Stat(os.DevNull); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a device: %v", os.DevNull, err)
	}

	missing := filepath.Join(dir, "no", "h.json")
	if err := writeFileAtomic(missing, []byte("{}\n")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v", err)
	}

	// A link to a file not there yet, by a relative name: the file it
	// names is written, and the link stays a link.
	other := t.TempDir()
	dangling := filepath.Join(other, "dangling.json")
	if err := os.Symlink("later.json", dangling); err != nil {
		t.Fatal(err)
	}
	if err := checkOutputFlag("json", dangling); err != nil {
		t.Errorf("checkOutputFlag on a link to no file yet: %v", err)
	}
	if err := writeFileAtomic(dangling, []byte("{}\n")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(other, "later.json")); err != nil || string(b) != "{}\n" {
		t.Errorf("the linked file holds %q, %v", b, err)
	}
	if st, err := os.Lstat(dangling); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a link: %v", dangling, err)
	}
}

func TestCheckOutputFlag(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{"", filepath.Join(dir, "h.json"), os.DevNull} {
		if err := checkOutputFlag("json", path); err != nil {
			t.Errorf("%q: %v", path, err)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("the check left %v", ents)
	}
}

// TestWriteAtomicKeepsMode: a file written over keeps its permissions; a
// new one is 0644.
func TestWriteAtomicKeepsMode(t *testing.T) {
	dir := t.TempDir()
	for _, mode := range []os.FileMode{0o600, 0o640, 0o664, 0} {
		path := filepath.Join(dir, fmt.Sprintf("h%o.json", mode))
		want := os.FileMode(0o644)
		if mode != 0 {
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}
			want = mode
		}
		if err := writeFileAtomic(path, []byte("{}\n")); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != want {
			t.Errorf("%s: mode %v, %v; want %v", path, st.Mode().Perm(), err, want)
		}
	}
}

// TestOutputNotWritable: -json and -o refuse a file the user cannot write,
// as cp would, before any work, and leave it as it was.
func TestOutputNotWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes any file")
	}
	train := writeFile(t, "train", tiny)
	ro := writeFile(t, "ro", "kept")
	if err := os.Chmod(ro, 0o444); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"torch", "-train", train, "-json", ro}, {"gen", "-rows", "5", "-o", ro}} {
		code, stdout, stderr := runCmd(args...)
		if code != exitUsage || !strings.Contains(stderr, ro+": cannot write it: permission denied") || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want a usage error before any work", args, code, stderr, stdout)
		}
		if b, err := os.ReadFile(ro); err != nil || string(b) != "kept" {
			t.Errorf("%v: %s holds %q, %v", args, ro, b, err)
		}
	}
}
