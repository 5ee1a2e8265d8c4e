package dev.parley.chat.rest;

import dev.parley.chat.ChatException;
import dev.parley.chat.FloodGate;
import dev.parley.chat.account.AccountView;
import dev.parley.chat.account.Accounts;
import dev.parley.chat.message.Appended;
import dev.parley.chat.message.MessagePage;
import dev.parley.chat.message.MessagePosted;
import dev.parley.chat.message.MessageStore;
import dev.parley.chat.message.MessageView;
import dev.parley.chat.message.PageRequest;
import dev.parley.chat.room.MemberRemoved;
import dev.parley.chat.room.RoomAppeared;
import dev.parley.chat.room.RoomDirectory;
import dev.parley.chat.room.RoomNames;
import dev.parley.chat.room.RoomRenamed;
import dev.parley.chat.room.RoomView;
import dev.parley.chat.room.VisibleRoom;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

/** Rooms, their members and their history. Private rooms exist only for their members. */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoomsResource {

    @Inject
    RoomDirectory rooms;

    @Inject
    MessageStore messages;

    @Inject
    FloodGate floodGate;

    @Inject
    Accounts accounts;

    @Inject
    Event<MessagePosted> posted;

    @Inject
    Event<MemberRemoved> removed;

    @Inject
    Event<RoomAppeared> appeared;

    @Inject
    Event<RoomRenamed> renamed;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @GET
    public List<RoomSummary> list() {
        AccountView me = Caller.of(security);
        List<VisibleRoom> visible = rooms.visibleTo(me.id());
        Map<Long, Long> unread = messages.unreadCounts(me.id(), visible);
        return visible.stream().map(v -> RoomSummary.of(v.room(), v.member(), unread.getOrDefault(v.room().id(), 0L)))
                .toList();
    }

    @POST
    public Response create(RequestBodies.CreateRoom body) {
        require(body, "Send { name, visibility }");
        AccountView caller = Caller.of(security);
        long creator = caller.id();
        // checked first, so a refused one uses up nothing of the allowance
        String name = RoomNames.valid(body.nameString());
        boolean privateRoom = RoomNames.isPrivate(body.visibility());
        // every public room is told to everyone: a looping script must not flood every page's room list
        if (!caller.admin()) {
            floodGate.room(creator);
        }
        RoomView room = rooms.create(creator, name, privateRoom);
        appeared.fire(new RoomAppeared(room, RoomView.PRIVATE.equals(room.visibility()) ? creator : null));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(room.id())).build()).entity(room).build();
    }

    @GET
    @Path("{id}")
    public RoomView room(@PathParam("id") long id) {
        return rooms.open(id, Caller.of(security).id());
    }

    /**
     * A new name, by the room's creator or an administrator; every page that lists the room hears
     * {@code room-updated}. Uses up one of the {@code rooms-per-hour}, as a new room does (administrators: none).
     */
    @PATCH
    @Path("{id}")
    public RoomView rename(@PathParam("id") long id, RequestBodies.RenameRoom body) {
        require(body, "Send { name }");
        AccountView caller = Caller.of(security);
        String name = RoomNames.valid(body.nameString()); // checked first, so a refused one uses up nothing
        if (!caller.admin()) {
            floodGate.room(caller.id());
        }
        RoomView room = rooms.rename(id, caller.id(), caller.admin(), name);
        renamed.fire(new RoomRenamed(room, caller.id()));
        return room;
    }

    @GET
    @Path("{id}/members")
    public List<AccountView> members(@PathParam("id") long id) {
        return rooms.members(id, Caller.of(security).id());
    }

    @POST
    @Path("{id}/members")
    public AccountView addMember(@PathParam("id") long id, RequestBodies.Person body) {
        long caller = Caller.of(security).id();
        AccountView added = rooms.addMember(id, caller, personId(body));
        appeared.fire(new RoomAppeared(rooms.open(id, caller), added.id()));
        return added;
    }

    /**
     * Opens the direct conversation with someone: 201 when it is new (both people's pages hear of it), 200 with
     * the same room when it was there. A new one costs one of {@code rooms-per-hour}, as a room does.
     */
    @POST
    @Path("direct")
    public Response direct(RequestBodies.Person body) {
        AccountView caller = Caller.of(security);
        long other = personId(body);
        RoomDirectory.Direct direct = rooms.direct(caller.id(), other, () -> {
            if (!caller.admin()) {
                floodGate.room(caller.id());
            }
        });
        RoomView room = direct.room();
        if (!direct.created()) {
            return Response.ok(room).build();
        }
        appeared.fire(new RoomAppeared(room, caller.id()));
        appeared.fire(new RoomAppeared(room, other));
        return Response.created(uri.getBaseUriBuilder().path("rooms").path(Long.toString(room.id())).build())
                .entity(room).build();
    }

    private long personId(RequestBodies.Person body) {
        require(body, "Send { username } or { userId }");
        return body.userId() != null ? body.userId()
                : accounts.findByUsername(body.username()).orElseThrow(() -> ChatException.notFound("No such account")).id();
    }

    @DELETE
    @Path("{id}/members/{userId}")
    public Response removeMember(@PathParam("id") long id, @PathParam("userId") long userId) {
        removed.fire(new MemberRemoved(id, rooms.removeMember(id, Caller.of(security).id(), userId)));
        return Response.noContent().build();
    }

    /** {@code ?before=ID&after=ID&limit=N&changed=true}; see {@link PageRequest} for what each returns. */
    @GET
    @Path("{id}/messages")
    public MessagePage history(@PathParam("id") long id, @QueryParam("before") String before,
                               @QueryParam("after") String after, @QueryParam("limit") String limit,
                               @QueryParam("changed") String changed) {
        PageRequest page = PageRequest.of(QueryParams.number("before", before), QueryParams.number("after", after),
                QueryParams.limit(limit, PageRequest.MAX_LIMIT), QueryParams.flag("changed", changed));
        return messages.history(id, Caller.of(security).id(), page);
    }

    /**
     * For clients without a socket (bots, scripts); a retry with the same clientMsgId returns the first copy.
     * The author's flood allowance is the one their sockets use: past it, {@code 429} with {@code Retry-After}.
     */
    @POST
    @Path("{id}/messages")
    public Response post(@PathParam("id") long id, RequestBodies.PostMessage body) {
        require(body, "Send { text, clientMsgId?, replyTo? }");
        long author = Caller.of(security).id();
        messages.validText(body.textString()); // refused input does not use up the allowance
        Long replyTo = body.replyToId();
        floodGate.message(author);
        Appended appended = messages.append(id, author, body.textString(), body.clientMsgIdString(), replyTo);
        if (appended.duplicate()) {
            return Response.ok(appended.message()).build();
        }
        posted.fire(new MessagePosted(appended.message()));
        return Response.status(Response.Status.CREATED).entity(appended.message()).build();
    }

    /** The author's new text; the room hears {@code message-updated}. Costs one message of the allowance. */
    @PATCH
    @Path("{id}/messages/{messageId}")
    public MessageView edit(@PathParam("id") long id, @PathParam("messageId") long messageId,
                            RequestBodies.EditMessage body) {
        require(body, "Send { text }");
        long editor = Caller.of(security).id();
        messages.validText(body.textString());
        floodGate.message(editor);
        return messages.edit(id, messageId, editor, body.textString()).message();
    }

    /** By its author or an administrator; the room hears {@code message-deleted}. Deleting it again is no error. */
    @DELETE
    @Path("{id}/messages/{messageId}")
    public Response delete(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        AccountView caller = Caller.of(security);
        floodGate.message(caller.id());
        messages.delete(id, messageId, caller.id(), caller.admin());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/read")
    public RequestBodies.ReadMark read(@PathParam("id") long id, RequestBodies.MarkRead body) {
        require(body, "Send { messageId }");
        if (body.messageId() == null) {
            throw ChatException.invalid("Send { messageId }");
        }
        return new RequestBodies.ReadMark(messages.markRead(id, Caller.of(security).id(), body.messageId()));
    }

    private static void require(Object body, String hint) {
        if (body == null) {
            throw ChatException.invalid(hint);
        }
    }
}
