package nl_test

import "os"

func osErrDeadline() error { return os.ErrDeadlineExceeded }

func readlink(p string) (string, error) { return os.Readlink(p) }
