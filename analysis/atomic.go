package analysis

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/go-gota/gota/dataframe"
)

// WriteFileAtomic writes data to path so that readers see either the old
// file or the complete new one, never a part: it writes a temporary file
// in the same directory, syncs it, gives it mode perm, renames it over
// path and syncs the directory. On error the temporary file is removed
// and path is left as it was.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := writeSynced(f, data, perm); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}

	// The rename is durable only once the directory entry is on disk.
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("write %s: sync directory: %w", path, err)
	}
	return nil
}

// writeSynced writes data to f, sets its mode, flushes it to disk and
// closes it.
func writeSynced(f *os.File, data []byte, perm os.FileMode) error {
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// syncDir flushes the entries of directory dir to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// WriteJSON writes v to path as indented JSON with a final newline,
// atomically as WriteFileAtomic does, with mode 0644. A
// dataframe.DataFrame is written as an array of row objects (its Maps),
// whose keys encoding/json sorts by name.
func WriteJSON(path string, v any) error {
	switch df := v.(type) {
	case dataframe.DataFrame:
		if df.Err != nil {
			return fmt.Errorf("write %s: %w", path, df.Err)
		}
		v = df.Maps()
	case *dataframe.DataFrame:
		if df.Err != nil {
			return fmt.Errorf("write %s: %w", path, df.Err)
		}
		v = df.Maps()
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return WriteFileAtomic(path, append(data, '\n'), 0o644)
}
