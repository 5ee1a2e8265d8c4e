package dev.parley.chat.message;

/**
 * The result of {@link MessageStore#append}: the stored message, and whether it was already stored by
 * an earlier try with the same clientMsgId (then it must not be broadcast again).
 */
public record Appended(MessageView message, boolean duplicate) {
}
