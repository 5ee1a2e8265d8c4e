package dev.parley.chat.rest;

import dev.parley.chat.message.MessagePage;
import dev.parley.chat.message.MessageSearch;
import dev.parley.chat.message.SearchRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/search?q=&roomId=&before=&limit=}: messages found by their text, newest first. */
@Path("search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    MessageSearch search;

    @Context
    SecurityContext security;

    @GET
    public MessagePage find(@QueryParam("q") String query, @QueryParam("roomId") String roomId,
                            @QueryParam("before") String before, @QueryParam("limit") String limit) {
        SearchRequest request = SearchRequest.of(query, QueryParams.number("roomId", roomId),
                QueryParams.number("before", before), QueryParams.limit(limit, SearchRequest.MAX_LIMIT));
        return search.find(Caller.of(security).id(), request);
    }
}
