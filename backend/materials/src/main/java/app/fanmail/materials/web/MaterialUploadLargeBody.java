package app.fanmail.materials.web;

import app.fanmail.kernel.web.LargeBody;
import app.fanmail.materials.domain.MaterialRules;

/** Material uploads may be as large as WeChat's largest file (10 MB): see {@link MaterialUploadResource}. */
public class MaterialUploadLargeBody implements LargeBody {
    @Override
    public String path() {
        return MaterialUploadResource.PATH;
    }

    @Override
    public String maxBytesProperty() {
        return "fanmail.materials.upload-max-bytes";
    }

    @Override
    public long defaultMaxBytes() {
        return MaterialRules.LARGEST;
    }
}
