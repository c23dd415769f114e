// Package deploy holds what it takes to run Persona as a service:
// persona.service, the systemd unit for `persona run`, and README.md on
// installing it. Its tests check the unit's required settings and, where
// systemd-analyze is installed, that systemd accepts the unit without a
// single warning; and they run README.md's install steps in a temporary
// root, with what needs root or systemd stubbed (readme_test.go).
package deploy
