package app.fanmail.sandbox.world;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public template library shared by all accounts: old-model templates (TM…/OPENTM… short ids, industry,
 * {@code first}/{@code keywordN}/{@code remark}) and category-model templates (numeric short ids, typed keys such as
 * {@code thing1}, {@code amount2}, {@code time3}).
 */
final class TemplateLibrary {

    record Keyword(String name, String key, String example) {
    }

    record Entry(String shortId, String title, String primaryIndustry, String deputyIndustry, Integer categoryId,
                 List<Keyword> keywords, boolean firstRemark) {

        String content(List<Keyword> chosen) {
            StringBuilder sb = new StringBuilder();
            if (firstRemark) {
                sb.append("{{first.DATA}}\n");
            }
            for (Keyword k : chosen) {
                sb.append(k.name()).append("：{{").append(k.key()).append(".DATA}}\n");
            }
            if (firstRemark) {
                sb.append("{{remark.DATA}}");
            }
            return sb.toString().stripTrailing();
        }

        String example(List<Keyword> chosen) {
            StringBuilder sb = new StringBuilder();
            if (firstRemark) {
                sb.append("您好，您有一条新的").append(title).append("\n");
            }
            for (Keyword k : chosen) {
                sb.append(k.name()).append("：").append(k.example()).append("\n");
            }
            if (firstRemark) {
                sb.append("感谢您的使用。");
            }
            return sb.toString().stripTrailing();
        }
    }

    /** A service category: level 1 groups the selectable level-2 categories; {@code father} 0 is the root. */
    record Category(int id, String name, int level, int father) {
    }

    /** The first-level categories, in catalogue order. */
    static final List<Category> FIRST_LEVEL = List.of(new Category(1, "商业服务", 1, 0),
            new Category(2, "生活服务", 1, 0), new Category(3, "教育", 1, 0), new Category(4, "金融业", 1, 0),
            new Category(5, "政务民生", 1, 0));

    /** The selectable (level-2) categories that category templates belong to. */
    static final List<Category> CATEGORIES = List.of(new Category(307, "电商平台", 2, 1),
            new Category(411, "快递服务", 2, 1), new Category(635, "生活服务", 2, 2), new Category(702, "教育服务", 2, 3),
            new Category(845, "会员服务", 2, 1), new Category(912, "金融服务", 2, 4), new Category(958, "医疗服务", 2, 2),
            new Category(1024, "政务服务", 2, 5));

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        old("TM00015", "订单支付成功", 1, "订单号:2024061812345678", "支付金额:128.00元", "商品信息:无线蓝牙耳机",
                "支付时间:2024-06-18 14:32");
        old("OPENTM200565259", "订单发货提醒", 1, "订单编号:2024061812345678", "物流公司:顺丰速运",
                "物流单号:SF1234567890123");
        old("OPENTM207498902", "退款成功通知", 1, "退款金额:59.90元", "退款方式:原路退回", "到账时间:2024-06-19 10:00");
        old("TM00247", "会员等级变更通知", 31, "会员卡号:88001234", "当前等级:金卡会员", "变更时间:2024-06-18");
        old("OPENTM401202609", "预约成功通知", 23, "预约项目:面部护理", "预约时间:2024-06-20 15:00",
                "门店地址:南山区科技园店");
        old("OPENTM411036561", "账户余额变动提醒", 7, "变动金额:-200.00元", "变动时间:2024-06-18 09:12",
                "当前余额:1,024.50元");
        old("TM00820", "课程开课提醒", 16, "课程名称:Python入门第3讲", "上课时间:2024-06-21 19:30", "上课地点:线上直播间");
        old("OPENTM406563417", "快递签收提醒", 13, "快递单号:YT9876543210", "签收时间:2024-06-18 17:45");
        old("OPENTM204431306", "积分变动通知", 31, "变动积分:+100", "当前积分:2,360", "变动原因:购物奖励");
        old("TM00006", "酒店预订成功通知", 11, "酒店名称:如家精选(国贸店)", "入住日期:2024-07-01", "离店日期:2024-07-03",
                "房型:高级大床房");
        old("OPENTM205109409", "航班变动提醒", 28, "航班号:CA1234", "原起飞时间:2024-06-22 08:00",
                "新起飞时间:2024-06-22 09:30");
        old("TM00785", "工单处理进度通知", 2, "工单号:WO-20240618-0012", "处理状态:处理中", "处理人:张工");
        old("OPENTM200654400", "缴费成功通知", 21, "缴费项目:水费", "缴费金额:86.40元", "缴费时间:2024-06-18 11:20");
        old("OPENTM207103254", "报名成功通知", 39, "活动名称:城市夜跑", "活动时间:2024-06-29 19:00",
                "活动地点:滨海公园南门");
        old("OPENTM412181311", "服务到期提醒", 2, "服务名称:云存储专业版", "到期时间:2024-07-01");
        old("TM00891", "审核结果通知", 21, "审核内容:实名认证", "审核结果:已通过", "审核时间:2024-06-18 16:00");
        old("OPENTM416836000", "账号登录提醒", 2, "登录账号:zhang***@example.com", "登录时间:2024-06-18 22:10",
                "登录地点:广东深圳");
        old("OPENTM202243318", "挂号成功通知", 22, "就诊人:李*明", "就诊科室:口腔科", "就诊时间:2024-06-24 上午");
        old("OPENTM401833445", "停车缴费通知", 25, "车牌号:粤B·12345", "停车时长:2小时15分", "缴费金额:15.00元");
        old("OPENTM405760757", "物业费缴费提醒", 30, "房号:3栋1502", "应缴金额:1,260.00元", "截止日期:2024-06-30");

        cat("43216", "订单发货通知", 307, "商品名称:thing1:无线蓝牙耳机", "快递公司:thing2:顺丰速运",
                "快递单号:character_string3:SF1234567890123", "发货时间:time4:2024年6月18日 14:32");
        cat("42984", "支付成功通知", 307, "订单编号:character_string1:2024061812345678", "支付金额:amount2:128.00元",
                "支付时间:time3:2024年6月18日 14:32", "商品名称:thing4:无线蓝牙耳机");
        cat("46773", "退款到账通知", 307, "退款金额:amount1:59.90元", "退款原因:thing2:商品质量问题",
                "到账时间:time3:2024年6月19日 10:00");
        cat("49212", "预约成功通知", 635, "预约项目:thing1:面部护理", "预约时间:time2:2024年6月20日 15:00",
                "门店名称:thing3:南山科技园店", "联系电话:phone_number4:0755-88886666");
        cat("51078", "积分变动提醒", 845, "变动积分:number1:100", "当前积分:number2:2360", "变动原因:thing3:购物奖励",
                "变动时间:time4:2024年6月18日 09:12");
        cat("40562", "课程上课提醒", 702, "课程名称:thing1:Python入门第3讲", "上课时间:time2:2024年6月21日 19:30",
                "上课地点:thing3:线上直播间", "授课老师:thing4:王老师");
        cat("47810", "审核结果通知", 1024, "审核事项:thing1:实名认证", "审核结果:phrase2:已通过",
                "审核时间:time3:2024年6月18日 16:00");
        cat("52333", "活动报名成功通知", 635, "活动名称:thing1:城市夜跑", "活动时间:time2:2024年6月29日 19:00",
                "活动地点:thing3:滨海公园南门");
        cat("44517", "服务到期提醒", 845, "服务名称:thing1:云存储专业版", "到期时间:date2:2024年7月1日",
                "温馨提示:thing3:请及时续费以免影响使用");
        cat("48109", "账户余额提醒", 912, "账户名称:thing1:储蓄卡尾号1234", "当前余额:amount2:1024.50元",
                "更新时间:time3:2024年6月18日 09:12");
        cat("50946", "工单状态更新通知", 635, "工单编号:character_string1:WO202406180012", "工单状态:phrase2:处理中",
                "处理人:thing3:张工", "更新时间:time4:2024年6月18日 16:20");
        cat("45620", "快递签收通知", 411, "快递单号:character_string1:YT9876543210", "签收时间:time2:2024年6月18日 17:45",
                "签收人:thing3:本人");
        cat("53108", "挂号成功通知", 958, "就诊人:name1:李明", "就诊科室:thing2:口腔科", "就诊时间:time3:2024年6月24日 09:00",
                "就诊序号:number4:12");
    }

    private TemplateLibrary() {
    }

    private static void old(String shortId, String title, int industry, String... keywords) {
        List<Keyword> ks = new ArrayList<>();
        for (int i = 0; i < keywords.length; i++) {
            String[] p = keywords[i].split(":", 2);
            ks.add(new Keyword(p[0], "keyword" + (i + 1), p[1]));
        }
        ENTRIES.put(shortId, new Entry(shortId, title, Industries.firstClass(industry),
                Industries.secondClass(industry), null, List.copyOf(ks), true));
    }

    private static void cat(String shortId, String title, int categoryId, String... keywords) {
        List<Keyword> ks = new ArrayList<>();
        for (String k : keywords) {
            String[] p = k.split(":", 3);
            ks.add(new Keyword(p[0], p[1], p[2]));
        }
        Category category = category(categoryId);
        ENTRIES.put(shortId, new Entry(shortId, title, category.name(), category(category.father()).name(), categoryId,
                List.copyOf(ks), false));
    }

    static Entry find(String shortId) {
        return shortId == null ? null : ENTRIES.get(shortId.trim());
    }

    static List<Entry> all() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.values()));
    }

    /** Whether {@code id} is a selectable (level-2) category. */
    static boolean validCategory(int id) {
        return CATEGORIES.stream().anyMatch(c -> c.id() == id);
    }

    /** The category of either level with this id, or null. */
    static Category category(long id) {
        for (Category c : FIRST_LEVEL) {
            if (c.id() == id) {
                return c;
            }
        }
        for (Category c : CATEGORIES) {
            if (c.id() == id) {
                return c;
            }
        }
        return null;
    }

    /** The ids of the categories whose father is {@code id} (0 = the root), in catalogue order. */
    static List<Integer> children(int id) {
        List<Integer> out = new ArrayList<>();
        for (Category c : id == 0 ? FIRST_LEVEL : CATEGORIES) {
            if (c.father() == id) {
                out.add(c.id());
            }
        }
        return out;
    }

    /** The whole tree, depth first: each first-level category followed by its children. */
    static List<Category> tree() {
        List<Category> out = new ArrayList<>();
        for (Category first : FIRST_LEVEL) {
            out.add(first);
            for (int id : children(first.id())) {
                out.add(category(id));
            }
        }
        return out;
    }
}
