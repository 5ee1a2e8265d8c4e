package dev.parley.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records what an Engine.IO session hands to the layer above it. */
class RecordingListener implements EngineSession.Listener {

    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<byte[]> binaries = new CopyOnWriteArrayList<>();
    final List<String> closeReasons = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void onMessage(String text) {
        messages.add(text);
    }

    @Override
    public void onBinary(byte[] data) {
        binaries.add(data);
    }

    @Override
    public void onClose(String reason) {
        closeReasons.add(reason);
        closed.countDown();
    }

    boolean awaitClose(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }
}
