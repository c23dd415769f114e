//go:build race

package e2e_test

// raceBuild is true in a test binary built with -race.
const raceBuild = true
