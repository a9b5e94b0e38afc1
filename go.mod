module github.com/gip-suite/gip

go 1.26
