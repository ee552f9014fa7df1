package io.junction.server.admin;

/**
 * Changes a backend's administrative state. Backend states belong to the health-check work; until it
 * provides an implementation the admin API answers 501 through {@link #NOT_AVAILABLE}, and the
 * dashboard disables its buttons.
 */
public interface BackendControl {

    /** The control of a build without backend states. */
    BackendControl NOT_AVAILABLE = new BackendControl() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String state(String pool, String backend) {
            return null;
        }

        @Override
        public String change(String pool, String backend, BackendCommand command) {
            throw new UnsupportedOperationException("backend states are not available in this build");
        }
    };

    boolean available();

    /** The backend's state as the status API shows it (e.g. {@code up}, {@code draining}), or {@code null} when unknown. */
    String state(String pool, String backend);

    /**
     * @param backend {@code host:port} as the status API lists it
     * @return the backend's state after the command, e.g. {@code draining}
     * @throws IllegalArgumentException naming the pool or backend that does not exist
     */
    String change(String pool, String backend, BackendCommand command);
}
