/** The control API's client: finds the node running on a state directory and calls its API. */
package dev.peernet.app.client;
