// Package deploy holds what it takes to run Persona as a service:
// persona.service, the systemd unit for `persona run`, and README.md on
// installing it. Its tests check the unit's required settings and, where
// systemd-analyze is installed, that systemd accepts the unit without a
// single warning.
package deploy
