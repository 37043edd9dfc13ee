package app.fanmail.materials.graphql;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import app.fanmail.materials.api.MaterialKind;
import app.fanmail.materials.application.MaterialLibrary;
import app.fanmail.materials.application.MaterialSyncRunner;
import app.fanmail.materials.application.StoredMaterial;
import app.fanmail.materials.graphql.MaterialTypes.Material;
import app.fanmail.materials.graphql.MaterialTypes.MaterialConnection;
import app.fanmail.materials.graphql.MaterialTypes.MaterialDeleteInput;
import app.fanmail.materials.graphql.MaterialTypes.MaterialDeletePayload;
import app.fanmail.materials.graphql.MaterialTypes.MaterialEdge;
import app.fanmail.materials.graphql.MaterialTypes.MaterialSync;
import app.fanmail.materials.graphql.MaterialTypes.MaterialSyncStartInput;
import app.fanmail.materials.graphql.MaterialTypes.MaterialSyncStartPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * The materials library (files are uploaded over REST: POST /api/materials/uploads, and served from
 * /api/materials/{id}/file): everyone signed in reads, operators and admins delete and sync.
 */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class MaterialGraphQL {
    private static final String CURSOR_INVALID = "The cursor is not one this list produced.";

    @Inject
    MaterialLibrary library;
    @Inject
    MaterialSyncRunner syncs;

    @Query("materials")
    @NonNull
    @Description("An account's materials of one kind, newest first, optionally those whose name contains `search`.")
    @RequiresRole(Role.VIEWER)
    public MaterialConnection materials(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @NonNull @Name("kind") @Description("Which kind.") MaterialTypes.Kind kind,
            @Name("search") @Description("Part of the name, any case.") String search,
            @Name("first") @DefaultValue("24") @Description("Page size, 1–100.") Integer first,
            @Name("after") @Description("Cursor of the last material of the previous page.") String after) {
        UUID account = Ids.require(accountId, "accountId", "account");
        int size = Cursor.pageSize(first, 24, 100);
        var key = Cursor.decode(after, 2);
        Instant afterAt = null;
        UUID afterId = null;
        if (key.isPresent()) {
            try {
                afterAt = Instant.parse(key.get().get(0));
            } catch (java.time.format.DateTimeParseException e) {
                throw new UserErrorsException("CURSOR_INVALID", "after", CURSOR_INVALID);
            }
            afterId = Ids.parse(key.get().get(1)).orElseThrow(() -> new UserErrorsException("CURSOR_INVALID", "after", CURSOR_INVALID));
        }
        List<StoredMaterial> rows = library.page(account, kind.domain(), search, afterAt, afterId, size + 1);
        List<MaterialEdge> edges = rows.stream().limit(size)
                .map(m -> new MaterialEdge(Cursor.encode(m.createdAt().toString(), m.id().toString()), Material.of(m))).toList();
        return new MaterialConnection(edges, new PageInfo(rows.size() > size, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                (int) library.count(account, kind.domain(), search));
    }

    @Query("material")
    @Description("One material, or null when there is none.")
    @RequiresRole(Role.VIEWER)
    public Material material(@NonNull @Id @Name("id") @Description("The material's id.") String id) {
        return Ids.parse(id).flatMap(library::find).map(Material::of).orElse(null);
    }

    @Query("materialLibrary")
    @NonNull
    @Description("An account's library at a glance: counts per kind against WeChat's caps and rules, and the last sync.")
    @RequiresRole(Role.VIEWER)
    public MaterialTypes.MaterialLibrary materialLibrary(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        UUID account = Ids.require(accountId, "accountId", "account");
        Map<MaterialKind, Long> counts = library.counts(account);
        return new MaterialTypes.MaterialLibrary(Arrays.stream(MaterialKind.values()).map(k -> MaterialTypes.count(k, counts.get(k))).toList(),
                syncs.latest(account).map(MaterialSync::of).orElse(null));
    }

    @Mutation("materialDelete")
    @NonNull
    @Description("Deletes a material on WeChat, then in Fanmail (with its copies). Messages already sent keep what they showed.")
    public MaterialDeletePayload materialDelete(@NonNull @Name("input") @Description("The mutation's input.") MaterialDeleteInput in) {
        return Mutations.attempt(() -> library.delete(Ids.require(in.id(), "id", "material")).toString(),
                id -> new MaterialDeletePayload(id, List.of()), e -> new MaterialDeletePayload(null, e));
    }

    @Mutation("materialSyncStart")
    @NonNull
    @Description("Starts syncing an account's library with WeChat: what WeChat lists is added, what it no longer lists removed, "
            + "and a copy of each file Fanmail lacks downloaded once. Poll materialLibrary.lastSync for progress.")
    public MaterialSyncStartPayload materialSyncStart(@NonNull @Name("input") @Description("The mutation's input.") MaterialSyncStartInput in) {
        String user = CurrentViewer.get().map(Viewer::username).orElse(null);
        return Mutations.attempt(() -> syncs.start(Ids.require(in.accountId(), "accountId", "account"), user),
                s -> new MaterialSyncStartPayload(MaterialSync.of(s), List.of()), e -> new MaterialSyncStartPayload(null, e));
    }
}
