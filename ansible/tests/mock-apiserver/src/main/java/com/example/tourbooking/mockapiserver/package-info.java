/**
 * A MOCK Kubernetes API server for the Ansible deploy tests (no real API server can run
 * on the build machines): fabric8's CRUD mock plus the discovery documents and the
 * simplified server-side apply that the {@code kubernetes.core} modules need.
 */
package com.example.tourbooking.mockapiserver;
