package app.fanmail.audiences.web;

import app.fanmail.kernel.web.LargeBody;

/** Openid lists may be up to {@code fanmail.audiences.upload-max-bytes} (64 MB by default): see {@link UploadResource}. */
public class UploadLargeBody implements LargeBody {
    @Override
    public String path() {
        return "/api/audiences/uploads";
    }

    @Override
    public String maxBytesProperty() {
        return "fanmail.audiences.upload-max-bytes";
    }

    @Override
    public long defaultMaxBytes() {
        return 64L * 1024 * 1024;
    }
}
