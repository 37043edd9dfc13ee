package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.fanmail.kernel.graphql.UserError;

class IndustryCatalogTest {
    private static final IndustryCatalog CATALOG = IndustryCatalog.standard();
    private static final String HEADER = "id\tfirst_class\tsecond_class\tfirst_class_en\tsecond_class_en\tsecond_class_aliases\n";

    /** WeChat's list (official api_set_industry table), id order. */
    private static final String[][] WECHAT = {
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

    @Test
    void hasWeChats41IndustriesWithTheirIdsAndChineseNames() {
        assertThat(CATALOG.size()).isEqualTo(41);
        assertThat(CATALOG.all()).extracting(Industry::id).containsExactlyElementsOf(IntStream.rangeClosed(1, 41).boxed().toList());
        for (int id = 1; id <= 41; id++) {
            Industry industry = CATALOG.byId(id).orElseThrow();
            assertThat(industry.firstClass()).as("id %d", id).isEqualTo(WECHAT[id - 1][0]);
            assertThat(industry.secondClass()).as("id %d", id).isEqualTo(WECHAT[id - 1][1]);
        }
    }

    @Test
    void everyIndustryHasEnglishNamesAndAUniqueLabel() {
        Set<String> labels = new HashSet<>();
        Set<String> englishLabels = new HashSet<>();
        for (Industry i : CATALOG.all()) {
            assertThat(i.firstClassEn()).as("id %d", i.id()).isNotBlank().isASCII();
            assertThat(i.secondClassEn()).as("id %d", i.id()).isNotBlank().isASCII();
            assertThat(labels.add(i.label())).as(i.label()).isTrue();
            assertThat(englishLabels.add(i.labelEn())).as(i.labelEn()).isTrue();
        }
    }

    @Test
    void examples() {
        assertThat(CATALOG.byId(1)).get().extracting(Industry::label, Industry::labelEn)
                .containsExactly("IT科技-互联网|电子商务", "IT & Technology – Internet & E-commerce");
        assertThat(CATALOG.byId(2)).get().extracting(Industry::secondClass).isEqualTo("IT软件与服务");
        assertThat(CATALOG.byId(41)).get().extracting(Industry::firstClass, Industry::secondClass, Industry::firstClassEn)
                .containsExactly("其它", "其它", "Other");
    }

    @Test
    void unknownIdsAreEmpty() {
        assertThat(CATALOG.byId(0)).isEmpty();
        assertThat(CATALOG.byId(42)).isEmpty();
        assertThat(CATALOG.byId(-1)).isEmpty();
    }

    @Test
    void classesGroupIndustriesForAPicker() {
        List<IndustryClass> classes = CATALOG.classes();
        assertThat(classes).hasSize(15);
        assertThat(classes).extracting(IndustryClass::name).startsWith("IT科技", "金融业", "餐饮").endsWith("印刷", "其它");
        assertThat(classes.get(0)).extracting(IndustryClass::nameEn).isEqualTo("IT & Technology");
        assertThat(classes.get(0).industries()).extracting(Industry::id).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(classes.stream().mapToInt(c -> c.industries().size()).sum()).isEqualTo(41);
        assertThat(classes).allSatisfy(c -> assertThat(c.industries()).allSatisfy(i -> {
            assertThat(i.firstClass()).isEqualTo(c.name());
            assertThat(i.firstClassEn()).isEqualTo(c.nameEn());
        }));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ',', value = {
            "运输与仓储, 快递, 13",
            "IT科技, 互联网|电子商务, 1",
            "IT科技, 互联网/电子商务, 1",
            "IT科技, 互联网｜电子商务, 1",
            "' IT科技 ', ' 互联网 | 电子商务 ', 1",
            "金融业, 基金|理财|信托, 8",
            "金融业, 基金/理财/信托, 8",
            "金融业, 证券|基金|理财|信托, 8",
            "政府与公共事业, 公共事业/非盈利机构, 21",
            "其它, 其它, 41",
    })
    void findsWhatGetIndustryReturns(String firstClass, String secondClass, int id) {
        assertThat(CATALOG.byClasses(firstClass, secondClass)).get().extracting(Industry::id).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ',', value = {"金融业, 快递", "IT科技, 银行", "物流, 运输与仓储", "IT科技, 互联网", "it科技, IT软件与服务"})
    void doesNotMatchWrongPairs(String firstClass, String secondClass) {
        assertThat(CATALOG.byClasses(firstClass, secondClass)).isEmpty();
    }

    @Test
    void nullClassesMatchNothing() {
        assertThat(CATALOG.byClasses(null, "快递")).isEmpty();
        assertThat(CATALOG.byClasses("运输与仓储", null)).isEmpty();
    }

    @Test
    void aSelectionNeedsTwoDifferentKnownIndustries() {
        assertThat(CATALOG.checkSelection(1, 13)).isEmpty();
        assertThat(CATALOG.checkSelection(null, null)).extracting(UserError::code, UserError::field).containsExactly(
                tuple("INDUSTRY_REQUIRED", "primaryIndustryId"), tuple("INDUSTRY_REQUIRED", "secondaryIndustryId"));
        assertThat(CATALOG.checkSelection(0, 42)).extracting(UserError::code, UserError::field).containsExactly(
                tuple("INDUSTRY_UNKNOWN", "primaryIndustryId"), tuple("INDUSTRY_UNKNOWN", "secondaryIndustryId"));
        assertThat(CATALOG.checkSelection(41, 41)).extracting(UserError::code, UserError::field)
                .containsExactly(tuple("INDUSTRIES_IDENTICAL", "secondaryIndustryId"));
        assertThat(CATALOG.checkSelection(1, 99)).extracting(UserError::code).containsExactly("INDUSTRY_UNKNOWN");
    }

    @Test
    void standardIsLoadedOnce() {
        assertThat(IndustryCatalog.standard()).isSameAs(CATALOG);
    }

    @Test
    void parsesItsFormat() {
        IndustryCatalog c = IndustryCatalog.parse(new StringReader(
                "\uFEFF# comment\n\n" + HEADER + "7\t金融业\t银行\tFinance\tBanking\t\n3\tA\tB\tA en\tB en\t b1 ; b2 ;\n"));
        assertThat(c.all()).extracting(Industry::id).containsExactly(7, 3);
        assertThat(c.byId(3)).get().extracting(Industry::secondClassAliases).isEqualTo(List.of("b1", "b2"));
        assertThat(c.byClasses("A", "b2")).get().extracting(Industry::id).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1\\t金融业\\t银行\\tFinance\\tBanking\\t|line 1: expected the header",
            "HEADER1\\t金融业\\t银行\\tFinance\\tBanking|line 2: expected 6 tab-separated cells, found 5",
            "HEADERx\\t金融业\\t银行\\tFinance\\tBanking\\t|line 2: the id 'x' is not a number",
            "HEADER0\\t金融业\\t银行\\tFinance\\tBanking\\t|line 2: the id 0 is not positive",
            "HEADER1\\t金融业\\t \\tFinance\\tBanking\\t|line 2: cell 3 is empty",
            "HEADER1\\t金融业\\t银行\\tFinance\\tBanking\\t\\n1\\tA\\tB\\tA\\tB\\t|line 3: id 1 already on line 2",
            "HEADER1\\t金融业\\t银行\\tFinance\\tBanking\\t\\n2\\t金融业\\t银行\\tF\\tB\\t|line 3: 金融业-银行 already on line 2",
            "HEADER|no industries",
    })
    void refusesMalformedFiles(String text, String error) {
        String content = text.replace("HEADER", HEADER).replace("\\t", "\t").replace("\\n", "\n");
        assertThatThrownBy(() -> IndustryCatalog.parse(new StringReader(content)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(error);
    }
}
