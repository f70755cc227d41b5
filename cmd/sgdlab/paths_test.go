package main

import (
	"errors"
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
