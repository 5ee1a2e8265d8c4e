package dev.parley.chat;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stores' tests run on every storage backend (H2 and PostgreSQL, with each JPA provider): one fixture per
 * backend, shared by the class's tests. Messages are at most 20 characters, so a test of the limit is short.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.parley.chat.StorageBackend#all")
public abstract class OnEveryBackend {

    public static final int MAX_MESSAGE_LENGTH = 20;

    protected static ChatFixture chat;

    @Parameter
    protected StorageBackend backend;

    @BeforeParameterizedClassInvocation
    static void open(StorageBackend backend) {
        chat = new ChatFixture(backend, MAX_MESSAGE_LENGTH);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        chat.close();
    }
}
