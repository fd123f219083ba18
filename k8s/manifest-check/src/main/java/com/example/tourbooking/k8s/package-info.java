/**
 * Checks rendered Kubernetes manifests (the output of {@code kubectl kustomize}) against
 * the Kubernetes schema and the project's deployment policies.
 */
package com.example.tourbooking.k8s;
