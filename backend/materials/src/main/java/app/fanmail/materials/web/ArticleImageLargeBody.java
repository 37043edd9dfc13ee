package app.fanmail.materials.web;

import app.fanmail.kernel.web.LargeBody;
import app.fanmail.materials.application.ArticleImageFit;

/** Article image uploads may be up to 10 MB (re-encoded to WeChat's 1 MB): see {@link ArticleImageResource}. */
public class ArticleImageLargeBody implements LargeBody {
    @Override
    public String path() {
        return ArticleImageResource.PATH;
    }

    @Override
    public String maxBytesProperty() {
        return "fanmail.materials.article-image-max-bytes";
    }

    @Override
    public long defaultMaxBytes() {
        return ArticleImageFit.MAX_INPUT;
    }
}
