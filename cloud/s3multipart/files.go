package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
)

// tempFile writes size bytes of seeded pseudo-random data (incompressible, so no
// layer can cheat) to a temporary file and returns it rewound, with its SHA-256.
func tempFile(size int64) (*os.File, [32]byte, error) {
	f, err := os.CreateTemp("", "cloud-s3-upload-*")
	if err != nil {
		return nil, [32]byte{}, err
	}
	h := sha256.New()
	rng := rand.NewChaCha8([32]byte{'c', 'l', 'o', 'u', 'd', 'g', 'o'})
	if _, err := io.CopyN(io.MultiWriter(f, h), rng, size); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, [32]byte{}, fmt.Errorf("write %s: %w", f.Name(), err)
	}
	_, err = f.Seek(0, io.SeekStart)
	return f, [32]byte(h.Sum(nil)), err
}

func sha256File(f *os.File) ([32]byte, int64, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return [32]byte{}, 0, err
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return [32]byte{}, 0, fmt.Errorf("read %s: %w", f.Name(), err)
	}
	return [32]byte(h.Sum(nil)), n, nil
}
