/// Guangdong's county-level divisions (districts, county-level cities, counties, autonomous counties) by
/// administrative division code, plus the two prefecture-level cities without counties (Dongguan, Zhongshan).
/// The division as of the 2010s reforms (e.g. Gaoyao 441204, Dianbai 440904, Longhua 440309).
public enum GuangdongCounties {
    public static let table: [String: (zh: String, en: String)] = [
        // Guangzhou 广州
        "440103": ("荔湾区", "Liwan"), "440104": ("越秀区", "Yuexiu"), "440105": ("海珠区", "Haizhu"),
        "440106": ("天河区", "Tianhe"), "440111": ("白云区", "Baiyun"), "440112": ("黄埔区", "Huangpu"),
        "440113": ("番禺区", "Panyu"), "440114": ("花都区", "Huadu"), "440115": ("南沙区", "Nansha"),
        "440117": ("从化区", "Conghua"), "440118": ("增城区", "Zengcheng"),
        // Shaoguan 韶关
        "440203": ("武江区", "Wujiang"), "440204": ("浈江区", "Zhenjiang"), "440205": ("曲江区", "Qujiang"),
        "440222": ("始兴县", "Shixing"), "440224": ("仁化县", "Renhua"), "440229": ("翁源县", "Wengyuan"),
        "440232": ("乳源瑶族自治县", "Ruyuan"), "440233": ("新丰县", "Xinfeng"), "440281": ("乐昌市", "Lechang"),
        "440282": ("南雄市", "Nanxiong"),
        // Shenzhen 深圳
        "440303": ("罗湖区", "Luohu"), "440304": ("福田区", "Futian"), "440305": ("南山区", "Nanshan"),
        "440306": ("宝安区", "Bao'an"), "440307": ("龙岗区", "Longgang"), "440308": ("盐田区", "Yantian"),
        "440309": ("龙华区", "Longhua"), "440310": ("坪山区", "Pingshan"), "440311": ("光明区", "Guangming"),
        // Zhuhai 珠海
        "440402": ("香洲区", "Xiangzhou"), "440403": ("斗门区", "Doumen"), "440404": ("金湾区", "Jinwan"),
        // Shantou 汕头
        "440507": ("龙湖区", "Longhu"), "440511": ("金平区", "Jinping"), "440512": ("濠江区", "Haojiang"),
        "440513": ("潮阳区", "Chaoyang"), "440514": ("潮南区", "Chaonan"), "440515": ("澄海区", "Chenghai"),
        "440523": ("南澳县", "Nan'ao"),
        // Foshan 佛山
        "440604": ("禅城区", "Chancheng"), "440605": ("南海区", "Nanhai"), "440606": ("顺德区", "Shunde"),
        "440607": ("三水区", "Sanshui"), "440608": ("高明区", "Gaoming"),
        // Jiangmen 江门
        "440703": ("蓬江区", "Pengjiang"), "440704": ("江海区", "Jianghai"), "440705": ("新会区", "Xinhui"),
        "440781": ("台山市", "Taishan"), "440783": ("开平市", "Kaiping"), "440784": ("鹤山市", "Heshan"),
        "440785": ("恩平市", "Enping"),
        // Zhanjiang 湛江
        "440802": ("赤坎区", "Chikan"), "440803": ("霞山区", "Xiashan"), "440804": ("坡头区", "Potou"),
        "440811": ("麻章区", "Mazhang"), "440823": ("遂溪县", "Suixi"), "440825": ("徐闻县", "Xuwen"),
        "440881": ("廉江市", "Lianjiang"), "440882": ("雷州市", "Leizhou"), "440883": ("吴川市", "Wuchuan"),
        // Maoming 茂名
        "440902": ("茂南区", "Maonan"), "440904": ("电白区", "Dianbai"), "440981": ("高州市", "Gaozhou"),
        "440982": ("化州市", "Huazhou"), "440983": ("信宜市", "Xinyi"),
        // Zhaoqing 肇庆
        "441202": ("端州区", "Duanzhou"), "441203": ("鼎湖区", "Dinghu"), "441204": ("高要区", "Gaoyao"),
        "441223": ("广宁县", "Guangning"), "441224": ("怀集县", "Huaiji"), "441225": ("封开县", "Fengkai"),
        "441226": ("德庆县", "Deqing"), "441284": ("四会市", "Sihui"),
        // Huizhou 惠州
        "441302": ("惠城区", "Huicheng"), "441303": ("惠阳区", "Huiyang"), "441322": ("博罗县", "Boluo"),
        "441323": ("惠东县", "Huidong"), "441324": ("龙门县", "Longmen"),
        // Meizhou 梅州
        "441402": ("梅江区", "Meijiang"), "441403": ("梅县区", "Meixian"), "441422": ("大埔县", "Dabu"),
        "441423": ("丰顺县", "Fengshun"), "441424": ("五华县", "Wuhua"), "441426": ("平远县", "Pingyuan"),
        "441427": ("蕉岭县", "Jiaoling"), "441481": ("兴宁市", "Xingning"),
        // Shanwei 汕尾
        "441502": ("城区", "Chengqu (Shanwei)"), "441521": ("海丰县", "Haifeng"), "441523": ("陆河县", "Luhe"),
        "441581": ("陆丰市", "Lufeng"),
        // Heyuan 河源
        "441602": ("源城区", "Yuancheng"), "441621": ("紫金县", "Zijin"), "441622": ("龙川县", "Longchuan"),
        "441623": ("连平县", "Lianping"), "441624": ("和平县", "Heping"), "441625": ("东源县", "Dongyuan"),
        // Yangjiang 阳江
        "441702": ("江城区", "Jiangcheng"), "441704": ("阳东区", "Yangdong"), "441721": ("阳西县", "Yangxi"),
        "441781": ("阳春市", "Yangchun"),
        // Qingyuan 清远
        "441802": ("清城区", "Qingcheng"), "441803": ("清新区", "Qingxin"), "441821": ("佛冈县", "Fogang"),
        "441823": ("阳山县", "Yangshan"), "441825": ("连山壮族瑶族自治县", "Lianshan"),
        "441826": ("连南瑶族自治县", "Liannan"), "441881": ("英德市", "Yingde"), "441882": ("连州市", "Lianzhou"),
        // Dongguan 东莞, Zhongshan 中山 (no counties)
        "441900": ("东莞市", "Dongguan"), "442000": ("中山市", "Zhongshan"),
        // Chaozhou 潮州
        "445102": ("湘桥区", "Xiangqiao"), "445103": ("潮安区", "Chao'an"), "445122": ("饶平县", "Raoping"),
        // Jieyang 揭阳
        "445202": ("榕城区", "Rongcheng"), "445203": ("揭东区", "Jiedong"), "445222": ("揭西县", "Jiexi"),
        "445224": ("惠来县", "Huilai"), "445281": ("普宁市", "Puning"),
        // Yunfu 云浮
        "445302": ("云城区", "Yuncheng"), "445303": ("云安区", "Yun'an"), "445321": ("新兴县", "Xinxing"),
        "445322": ("郁南县", "Yunan"), "445381": ("罗定市", "Luoding"),
    ]
}
