package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The paths flags name are checked before any work starts, so that a typo
// costs no run; each check returns a usage error naming the flag.

// checkFolderFlag checks that dir, given with -name, is a folder ("" passes).
func checkFolderFlag(name, dir string) error {
	if dir == "" {
		return nil
	}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w: -%s %s: no such folder", errUsage, name, dir)
	case err != nil:
		return fmt.Errorf("%w: -%s: %v", errUsage, name, err)
	case !st.IsDir():
		return fmt.Errorf("%w: -%s %s is a file, not a folder", errUsage, name, dir)
	}
	return nil
}

// checkOutputFlag checks that a file can be written at path, given with
// -name ("" passes): its folder exists and takes a new file, path is not
// a folder, and a file there is one the user may write (as cp would not
// replace a read-only file, nor does writeAtomic). It leaves nothing
// behind. A device or a pipe (/dev/stdout) passes as it is.
func checkOutputFlag(name, path string) error {
	if path == "" {
		return nil
	}
	typed := path
	path = resolve(path)
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return nil
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w: -%s %s: folder %s does not exist", errUsage, name, path, dir)
	case err != nil:
		return fmt.Errorf("%w: -%s: %v", errUsage, name, err)
	case !st.IsDir():
		return fmt.Errorf("%w: -%s %s: %s is a file, not a folder", errUsage, name, path, dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%w: -%s %s is a folder, not a file", errUsage, name, typed)
	}
	if err := checkWritable(path); err != nil {
		return fmt.Errorf("%w: -%s %s: cannot write it: %v", errUsage, name, path, pathless(err))
	}
	probe, err := os.CreateTemp(dir, tempPattern(path))
	if err != nil {
		return fmt.Errorf("%w: -%s %s: cannot create a file in %s: %v", errUsage, name, path, dir, pathless(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// checkNotInput refuses an output path, given with -name, that is one of
// inputs, the files the run reads (or, for gen, a9a's), by name or through
// a link: the command would write over data.
func checkNotInput(name, path string, inputs []string) error {
	out, err := os.Stat(path)
	if err != nil {
		return nil // no file yet ("" neither): no input
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); in != "" && err == nil && os.SameFile(out, st) {
			if in != path {
				in = "the data file " + in
			} else {
				in = "a data file"
			}
			return fmt.Errorf("%w: -%s %s is %s sgdlab reads: give another file", errUsage, name, path, in)
		}
	}
	return nil
}

// pathless drops the path an *fs.PathError repeats from a message that
// names it already.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// tempPattern names the temporary files written beside path.
func tempPattern(path string) string { return "." + filepath.Base(path) + "-*.tmp" }

// resolve follows path's symbolic links, also one that leads to a file not
// there yet, which is then the file to write (replacing the link instead
// would leave the file it names unwritten).
func resolve(path string) string {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		return p
	}
	for range 40 { // Linux's limit on the links one path follows
		target, err := os.Readlink(path)
		if err != nil {
			break
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return path
}

// writeFileAtomic writes b to a temporary file beside path and renames it
// to path, so that path never holds a partial file. Through a symbolic link
// it writes the file linked to; a device or a pipe it writes as it is.
func writeFileAtomic(path string, b []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// checkWritable returns why the user may not write the file at path, if
// it is there: opened for writing (not truncated), it is left as it was.
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// writeAtomic is writeFileAtomic for content that write streams. A file
// written over keeps its permissions; one the user may not write is left
// alone, with an error.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	path = resolve(path)
	mode := os.FileMode(0o644) // a new file's
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			err = write(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return err
		}
		if err := checkWritable(path); err != nil {
			return err
		}
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), mode) // CreateTemp makes it 0600
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	return err
}
