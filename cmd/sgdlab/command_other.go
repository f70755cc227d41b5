//go:build !unix

package main

import "os/exec"

// ownGroup leaves cmd as it is: process groups are a unix notion, and the
// context's end kills the child alone.
func ownGroup(*exec.Cmd) {}

// endGroup does nothing: without process groups, the child's children are
// not known.
func endGroup(*exec.Cmd) {}
