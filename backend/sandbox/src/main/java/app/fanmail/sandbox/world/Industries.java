package app.fanmail.sandbox.world;

/** WeChat's template-message industry list: id 1..41, first class / second class. */
final class Industries {

    private static final String[][] LIST = {
            {"IT科技", "互联网|电子商务"}, {"IT科技", "IT软件与服务"}, {"IT科技", "IT硬件与设备"}, {"IT科技", "电子技术"},
            {"IT科技", "通信与运营商"}, {"IT科技", "网络游戏"}, {"金融业", "银行"}, {"金融业", "基金|理财|信托"},
            {"金融业", "保险"}, {"餐饮", "餐饮"}, {"酒店旅游", "酒店"}, {"酒店旅游", "旅游"}, {"运输与仓储", "快递"},
            {"运输与仓储", "物流"}, {"运输与仓储", "仓储"}, {"教育", "培训"}, {"教育", "院校"},
            {"政府与公共事业", "学术科研"}, {"政府与公共事业", "交警"}, {"政府与公共事业", "博物馆"},
            {"政府与公共事业", "公共事业|非盈利机构"}, {"医药护理", "医药医疗"}, {"医药护理", "护理美容"},
            {"医药护理", "保健与卫生"}, {"交通工具", "汽车相关"}, {"交通工具", "摩托车相关"}, {"交通工具", "火车相关"},
            {"交通工具", "飞机相关"}, {"房地产", "建筑"}, {"房地产", "物业"}, {"消费品", "消费品"}, {"商业服务", "法律"},
            {"商业服务", "会展"}, {"商业服务", "中介服务"}, {"商业服务", "认证"}, {"商业服务", "审计"},
            {"文体娱乐", "传媒"}, {"文体娱乐", "体育"}, {"文体娱乐", "娱乐休闲"}, {"印刷", "印刷"}, {"其它", "其它"}};

    private Industries() {
    }

    static boolean valid(int id) {
        return id >= 1 && id <= LIST.length;
    }

    static String firstClass(int id) {
        return LIST[id - 1][0];
    }

    static String secondClass(int id) {
        return LIST[id - 1][1];
    }

    /** "IT科技-互联网|电子商务" */
    static String label(int id) {
        return firstClass(id) + "-" + secondClass(id);
    }

    static int count() {
        return LIST.length;
    }
}
