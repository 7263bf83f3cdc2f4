package dev.peernet.app.api;

/** A request the API answers with an HTTP error status and an {@link ErrorResponse}. */
final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;
    static final int SERVER_ERROR = 500;
    static final int BAD_GATEWAY = 502;

    private final int status;

    ApiProblem(int status, String sentence) {
        super(sentence);
        this.status = status;
    }

    int status() {
        return status;
    }
}
