package app.fanmail.wechat.infrastructure;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;

/**
 * WeChat's HTTP API as MicroProfile REST Client interfaces, one per area. Bodies are JSON objects
 * (WeChat's own shapes); {@code WeChatGateway} maps them to and from Fanmail's types. Only this
 * package sees them. The hot-path sends are not here: they go through the non-blocking {@code http.WeChatHttp}
 * (ADR 0009).
 */
public final class WeChatRestClients {
    private WeChatRestClients() {
    }

    @Path("/cgi-bin")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface TokenApi {
        @GET
        @Path("/token")
        JsonObject token(@QueryParam("grant_type") String grantType, @QueryParam("appid") String appId, @QueryParam("secret") String secret);

        @POST
        @Path("/stable_token")
        JsonObject stableToken(JsonObject body);
    }

    @Path("/cgi-bin")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface UserApi {
        @GET
        @Path("/user/get")
        JsonObject followers(@QueryParam("access_token") String token, @QueryParam("next_openid") String nextOpenid);

        @POST
        @Path("/user/info/batchget")
        JsonObject batchGet(@QueryParam("access_token") String token, JsonObject body);

        @GET
        @Path("/tags/get")
        JsonObject tags(@QueryParam("access_token") String token);

        @POST
        @Path("/tags/create")
        JsonObject tagCreate(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/tags/update")
        JsonObject tagUpdate(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/tags/delete")
        JsonObject tagDelete(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/user/tag/get")
        JsonObject tagMembers(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/tags/members/batchtagging")
        JsonObject batchTag(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/tags/members/batchuntagging")
        JsonObject batchUntag(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/tags/getidlist")
        JsonObject tagsOf(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/user/info/updateremark")
        JsonObject updateRemark(@QueryParam("access_token") String token, JsonObject body);
    }

    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface TemplateApi {
        @GET
        @Path("/cgi-bin/template/get_industry")
        JsonObject industry(@QueryParam("access_token") String token);

        @POST
        @Path("/cgi-bin/template/api_set_industry")
        JsonObject setIndustry(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/cgi-bin/template/api_add_template")
        JsonObject addTemplate(@QueryParam("access_token") String token, JsonObject body);

        @GET
        @Path("/cgi-bin/template/get_all_private_template")
        JsonObject templates(@QueryParam("access_token") String token);

        @POST
        @Path("/cgi-bin/template/del_private_template")
        JsonObject deleteTemplate(@QueryParam("access_token") String token, JsonObject body);

        @GET
        @Path("/cgi-bin/wxopen/getallcategories")
        JsonObject allCategories(@QueryParam("access_token") String token);

        @GET
        @Path("/wxaapi/newtmpl/getcategory")
        JsonObject categories(@QueryParam("access_token") String token);

        @POST
        @Path("/cgi-bin/wxopen/addcategory")
        JsonObject addCategories(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/cgi-bin/wxopen/deletecategory")
        JsonObject deleteCategory(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/wxa/sec/queryblocktmplmsg")
        JsonObject blockedMessages(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/cgi-bin/message/template/send")
        JsonObject send(@QueryParam("access_token") String token, JsonObject body);
    }

    @Path("/cgi-bin/message")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface MessageApi {
        @POST
        @Path("/custom/send")
        JsonObject customSend(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/mass/sendall")
        JsonObject massSendAll(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/mass/send")
        JsonObject massSend(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/mass/preview")
        JsonObject massPreview(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/mass/delete")
        JsonObject massDelete(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/mass/get")
        JsonObject massGet(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/mass/speed/get")
        JsonObject massSpeedGet(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/mass/speed/set")
        JsonObject massSpeedSet(@QueryParam("access_token") String token, JsonObject body);
    }

    @Path("/cgi-bin")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface MaterialApi {
        @POST
        @Path("/material/batchget_material")
        JsonObject materials(@QueryParam("access_token") String token, JsonObject body);

        @GET
        @Path("/material/get_materialcount")
        JsonObject materialCount(@QueryParam("access_token") String token);

        @POST
        @Path("/material/del_material")
        JsonObject deleteMaterial(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/draft/add")
        JsonObject draftAdd(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/draft/get")
        JsonObject draftGet(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/draft/update")
        JsonObject draftUpdate(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/draft/batchget")
        JsonObject draftBatchGet(@QueryParam("access_token") String token, JsonObject body);

        @POST
        @Path("/draft/delete")
        JsonObject draftDelete(@QueryParam("access_token") String token, JsonObject body);

        @GET
        @Path("/draft/count")
        JsonObject draftCount(@QueryParam("access_token") String token);

        @POST
        @Path("/media/uploadvideo")
        JsonObject uploadVideo(@QueryParam("access_token") String token, JsonObject body);
    }

    @Path("/cgi-bin")
    @Produces(MediaType.APPLICATION_JSON)
    public interface UploadApi {
        @POST
        @Path("/media/upload")
        @Consumes(MediaType.MULTIPART_FORM_DATA)
        JsonObject uploadTemporary(@QueryParam("access_token") String token, @QueryParam("type") String type, List<EntityPart> parts);

        @POST
        @Path("/material/add_material")
        @Consumes(MediaType.MULTIPART_FORM_DATA)
        JsonObject addMaterial(@QueryParam("access_token") String token, @QueryParam("type") String type, List<EntityPart> parts);

        @POST
        @Path("/media/uploadimg")
        @Consumes(MediaType.MULTIPART_FORM_DATA)
        JsonObject uploadImage(@QueryParam("access_token") String token, List<EntityPart> parts);
    }

    /**
     * Downloads: WeChat answers with the file itself, or with JSON (an error, a video link, news
     * articles), so these return the raw response for the adapter to tell which.
     */
    @Path("/cgi-bin")
    @Produces(MediaType.WILDCARD)
    public interface DownloadApi {
        @POST
        @Path("/material/get_material")
        @Consumes(MediaType.APPLICATION_JSON)
        jakarta.ws.rs.core.Response permanent(@QueryParam("access_token") String token, JsonObject body);

        @GET
        @Path("/media/get")
        jakarta.ws.rs.core.Response temporary(@QueryParam("access_token") String token, @QueryParam("media_id") String mediaId);
    }

    @Path("/cgi-bin/openapi")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface QuotaApi {
        @POST
        @Path("/quota/get")
        JsonObject quota(@QueryParam("access_token") String token, JsonObject body);
    }
}
