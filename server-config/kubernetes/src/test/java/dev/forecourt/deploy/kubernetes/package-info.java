/**
 * Offline checks of the container image's Dockerfile and the Kubernetes manifests: parsed by the
 * fabric8 model with unknown fields failing, then the rules that tie them to each other, to the
 * Payara scripts and to the application's configuration keys.
 */
package dev.forecourt.deploy.kubernetes;
