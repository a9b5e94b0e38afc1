package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == manCommand {
		if err := writeManPage(os.Args[2]); err != nil {
			fmt.Fprintf(os.Stderr, "giw: %v\n", err)
			os.Exit(1)
		}
		return
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
