// Gazetteers written from general knowledge (never from the development corpora). One entity a
// line: the canonical English name first, then aliases separated by ';' (other spellings,
// abbreviations, Russian and Ukrainian nominative forms; inflected forms are found through the
// stemmer, see gazetteer.ts). Kept as plain text so that adding a name is one line.

/** Places: countries, capitals and major cities, regions (Ukraine, Russia, EU), seas and areas. */
export const PLACES = `
Afghanistan;Афганистан;Афганістан
Albania;Албания;Албанія
Algeria;Алжир
Andorra;Андорра
Angola;Ангола
Argentina;Аргентина
Armenia;Армения;Вірменія
Australia;Австралия;Австралія
Austria;Австрия;Австрія
Azerbaijan;Азербайджан
Bahrain;Бахрейн
Bangladesh;Бангладеш
Belarus;Byelorussia;Belorussia;Белоруссия;Беларусь;Білорусь
Belgium;Бельгия;Бельгія
Bolivia;Боливия;Болівія
Bosnia and Herzegovina;Bosnia;Босния и Герцеговина;Босния;Боснія
Brazil;Brasil;Бразилия;Бразилія
Bulgaria;Болгария;Болгарія
Cambodia;Камбоджа
Cameroon;Камерун
Canada;Канада
Chile;Чили;Чилі
China;PRC;Китай;КНР
Colombia;Колумбия;Колумбія
Congo;Конго
Croatia;Хорватия;Хорватія
Cuba;Куба
Cyprus;Кипр;Кіпр
Czech Republic;Czechia;Чехия;Чехія
Denmark;Дания;Данія
Ecuador;Эквадор
Egypt;Египет;Єгипет
Estonia;Эстония;Естонія
Ethiopia;Эфиопия;Ефіопія
Finland;Финляндия;Фінляндія
France;Франция;Франція
Georgia;Грузия;Грузія;Сакартвело
Germany;ФРГ;Германия;Німеччина
Ghana;Гана
Greece;Греция;Греція
Hungary;Венгрия;Угорщина
Iceland;Исландия;Ісландія
India;Индия;Індія
Indonesia;Индонезия;Індонезія
Iran;Persia;Иран;Іран
Iraq;Ирак;Ірак
Ireland;Eire;Ирландия;Ірландія
Israel;Израиль;Ізраїль
Italy;Италия;Італія
Japan;Япония;Японія
Jordan;Иордания;Йорданія
Kazakhstan;Казахстан
Kenya;Кения;Кенія
Kosovo;Косово
Kuwait;Кувейт
Kyrgyzstan;Kirghizia;Киргизия;Кыргызстан;Киргизстан
Laos;Лаос
Latvia;Латвия;Латвія
Lebanon;Ливан;Ліван
Libya;Ливия;Лівія
Liechtenstein;Лихтенштейн
Lithuania;Литва
Luxembourg;Люксембург
Malaysia;Малайзия;Малайзія
Mali;Мали
Malta;Мальта
Mexico;Мексика
Moldova;Moldavia;Молдавия;Молдова
Monaco;Монако
Mongolia;Монголия;Монголія
Montenegro;Черногория;Чорногорія
Morocco;Марокко
Myanmar;Burma;Мьянма;Бирма
Nepal;Непал
Netherlands;Holland;the Netherlands;Нидерланды;Голландия;Нідерланди
New Zealand;Новая Зеландия;Нова Зеландія
Nicaragua;Никарагуа
Niger;Нигер
Nigeria;Нигерия;Нігерія
North Korea;DPRK;КНДР;Северная Корея;Північна Корея
North Macedonia;Macedonia;Македония;Македонія
Norway;Норвегия;Норвегія
Oman;Оман
Pakistan;Пакистан
Palestine;Палестина
Panama;Панама
Paraguay;Парагвай
Peru;Перу
Philippines;Филиппины;Філіппіни
Poland;Польша;Польща
Portugal;Португалия;Португалія
Qatar;Катар
Romania;Румыния;Румунія
Russia;Russian Federation;Россия;Российская Федерация;РФ;Росія;Російська Федерація
Rwanda;Руанда
Saudi Arabia;Саудовская Аравия;Саудівська Аравія
Senegal;Сенегал
Serbia;Сербия;Сербія
Singapore;Сингапур;Сінгапур
Slovakia;Словакия;Словаччина
Slovenia;Словения;Словенія
Somalia;Сомали;Сомалі
South Africa;ЮАР;Южная Африка;Південна Африка
South Korea;Korea;Южная Корея;Корея;Південна Корея
Spain;Испания;Іспанія
Sri Lanka;Шри-Ланка
Sudan;Судан
Sweden;Швеция;Швеція
Switzerland;Швейцария;Швейцарія
Syria;Сирия;Сирія
Taiwan;Тайвань
Tajikistan;Таджикистан
Tanzania;Танзания
Thailand;Таиланд;Тайланд;Таїланд
Tunisia;Тунис;Туніс
Turkey;Türkiye;Турция;Туреччина
Turkmenistan;Туркмения;Туркменистан;Туркменістан
Uganda;Уганда
Ukraine;the Ukraine;Украина;Україна
United Arab Emirates;UAE;ОАЭ;Эмираты
United Kingdom;UK;U.K.;Britain;Great Britain;Великобритания;Британия;Англия;Велика Британія;Британія
United States;United States of America;US;U.S.;USA;U.S.A.;America;США;Соединенные Штаты;Соединённые Штаты;Америка;Сполучені Штати;Штаты
Uruguay;Уругвай
Uzbekistan;Узбекистан
Venezuela;Венесуэла;Венесуела
Vietnam;Viet Nam;Вьетнам;В'єтнам
Yemen;Йемен;Ємен
Zambia;Замбия
Zimbabwe;Зимбабве
England;Англия
Scotland;Шотландия;Шотландія
Wales;Уэльс
Northern Ireland;Северная Ирландия
Yugoslavia;Югославия
Soviet Union;USSR;СССР;Советский Союз;Радянський Союз
Europe;Европа;Європа
Asia;Азия;Азія
Africa;Африка
Latin America;Латинская Америка
North America;Северная Америка
South America;Южная Америка
Middle East;Ближний Восток;Близький Схід
Balkans;Балканы
Caucasus;Кавказ
North Caucasus;Северный Кавказ
Central Asia;Средняя Азия;Центральная Азия
Scandinavia;Скандинавия
Siberia;Сибирь;Сибір
Far East;Дальний Восток
Arctic;Арктика
Antarctica;Антарктида
Baltic;Прибалтика;Балтия
Black Sea;Черное море;Чёрное море;Чорне море
Baltic Sea;Балтийское море
Sea of Azov;Азовское море;Азовське море
Mediterranean;Средиземноморье;Средиземное море
Pacific;Тихий океан
Atlantic;Атлантика
Gaza;Gaza Strip;Газа;сектор Газа
West Bank;Западный берег
Golan Heights;Голанские высоты
Kashmir;Кашмир
Tibet;Тибет
Xinjiang;Синьцзян
Hong Kong;Гонконг
Crimea;Крым;Крим
Donbas;Donbass;Донбасс;Донбас
Kyiv;Kiev;Киев;Київ
Kharkiv;Kharkov;Харьков;Харків
Odesa;Odessa;Одесса;Одеса
Dnipro;Dnepropetrovsk;Днепр;Днепропетровск;Дніпро
Donetsk;Донецк;Донецьк
Luhansk;Lugansk;Луганск;Луганськ
Lviv;Lvov;Львов;Львів
Zaporizhzhia;Zaporizhia;Zaporozhye;Запорожье;Запоріжжя
Mariupol;Мариуполь;Маріуполь
Kherson;Херсон
Mykolaiv;Nikolaev;Николаев;Миколаїв
Bakhmut;Artemovsk;Бахмут;Артемовск
Avdiivka;Авдеевка;Авдіївка
Bucha;Буча
Irpin;Ирпень;Ірпінь
Sevastopol;Севастополь
Simferopol;Симферополь;Сімферополь
Chernihiv;Чернигов;Чернігів
Sumy;Сумы;Суми
Poltava;Полтава
Vinnytsia;Винница;Вінниця
Zhytomyr;Житомир
Chernivtsi;Черновцы;Чернівці
Uzhhorod;Ужгород
Ivano-Frankivsk;Ивано-Франковск;Івано-Франківськ
Ternopil;Тернополь;Тернопіль
Rivne;Ровно;Рівне
Lutsk;Луцк;Луцьк
Kramatorsk;Краматорск;Краматорськ
Sloviansk;Славянск;Слов'янськ
Melitopol;Мелитополь;Мелітополь
Berdiansk;Бердянск;Бердянськ
Chernobyl;Chornobyl;Чернобыль;Чорнобиль
Kryvyi Rih;Кривой Рог;Кривий Ріг
Moscow;Москва;Moskva
Saint Petersburg;St Petersburg;St. Petersburg;Petersburg;Leningrad;Санкт-Петербург;Петербург;Ленинград;Питер
Novosibirsk;Новосибирск
Yekaterinburg;Ekaterinburg;Екатеринбург
Kazan;Казань
Nizhny Novgorod;Нижний Новгород
Chelyabinsk;Челябинск
Samara;Самара
Omsk;Омск
Rostov-on-Don;Rostov;Ростов-на-Дону;Ростов
Ufa;Уфа
Krasnoyarsk;Красноярск
Perm;Пермь
Voronezh;Воронеж
Volgograd;Stalingrad;Волгоград;Сталинград
Krasnodar;Краснодар
Saratov;Саратов
Tyumen;Тюмень
Irkutsk;Иркутск
Vladivostok;Владивосток
Khabarovsk;Хабаровск
Yaroslavl;Ярославль
Tula;Тула
Kaliningrad;Калининград
Murmansk;Мурманск
Arkhangelsk;Архангельск
Belgorod;Белгород
Kursk;Курск
Bryansk;Брянск
Smolensk;Смоленск
Pskov;Псков
Novgorod;Великий Новгород;Новгород
Tver;Тверь
Sochi;Сочи
Grozny;Грозный
Makhachkala;Махачкала
Chechnya;Чечня;Чечня
Dagestan;Дагестан
Ingushetia;Ингушетия
Tatarstan;Татарстан
Bashkortostan;Башкирия;Башкортостан
Yakutia;Якутия
Chukotka;Чукотка
Kamchatka;Камчатка
Sakhalin;Сахалин
Kuril Islands;Kurils;Курилы;Курильские острова
Transnistria;Приднестровье
Abkhazia;Абхазия;Абхазія
South Ossetia;Южная Осетия
Nagorno-Karabakh;Karabakh;Нагорный Карабах;Карабах
Ural;Urals;Урал
Volga;Волга
Dnieper;Днепр;Дніпро
Red Square;Красная площадь
Wall Street;Уолл-стрит
International Space Station;ISS;МКС
Silicon Valley;Кремниевая долина
Minsk;Минск;Мінськ
Vilnius;Вильнюс;Вільнюс
Riga;Рига
Tallinn;Таллин;Таллінн
Warsaw;Варшава
Krakow;Cracow;Краков
Prague;Прага
Bratislava;Братислава
Budapest;Будапешт
Vienna;Вена;Відень
Berlin;Берлин;Берлін
Munich;Мюнхен
Hamburg;Гамбург
Frankfurt;Франкфурт
Cologne;Кельн
Bonn;Бонн
Paris;Париж
Marseille;Марсель
Lyon;Лион
Brussels;Брюссель
Amsterdam;Амстердам
The Hague;Hague;Гаага
Rotterdam;Роттердам
Luxembourg City;Люксембург
Geneva;Женева
Zurich;Цюрих
Bern;Берн
Davos;Давос
London;Лондон
Manchester;Манчестер
Liverpool;Ливерпуль
Birmingham;Бирмингем
Edinburgh;Эдинбург
Glasgow;Глазго
Dublin;Дублин
Belfast;Белфаст
Madrid;Мадрид
Barcelona;Барселона
Lisbon;Лиссабон
Rome;Рим
Milan;Милан;Мілан
Naples;Неаполь
Venice;Венеция
Athens;Афины;Афіни
Sofia;София
Bucharest;Бухарест
Chisinau;Kishinev;Кишинев;Кишинёв;Кишинів
Belgrade;Белград
Zagreb;Загреб
Sarajevo;Сараево
Ljubljana;Любляна
Skopje;Скопье
Tirana;Тирана
Helsinki;Хельсинки;Гельсінкі
Stockholm;Стокгольм
Oslo;Осло
Copenhagen;Копенгаген
Reykjavik;Рейкьявик
Istanbul;Стамбул
Ankara;Анкара
Tbilisi;Тбилиси;Тбілісі
Yerevan;Ереван;Єреван
Baku;Баку
Astana;Nur-Sultan;Астана
Almaty;Алма-Ата;Алматы
Tashkent;Ташкент
Bishkek;Бишкек
Dushanbe;Душанбе
Ashgabat;Ашхабад
Tehran;Тегеран
Baghdad;Багдад
Damascus;Дамаск
Aleppo;Алеппо;Халеб
Beirut;Бейрут
Jerusalem;Иерусалим;Єрусалим
Tel Aviv;Тель-Авив
Amman;Амман
Riyadh;Эр-Рияд
Doha;Доха
Dubai;Дубай
Abu Dhabi;Абу-Даби
Cairo;Каир
Tripoli;Триполи
Kabul;Кабул
Islamabad;Исламабад
Karachi;Карачи
New Delhi;Delhi;Нью-Дели;Дели
Mumbai;Bombay;Мумбаи;Бомбей
Beijing;Peking;Пекин;Пекін
Shanghai;Шанхай
Tokyo;Токио;Токіо
Osaka;Осака
Seoul;Сеул
Pyongyang;Пхеньян
Bangkok;Бангкок
Hanoi;Ханой
Manila;Манила
Jakarta;Джакарта
Kuala Lumpur;Куала-Лумпур
Sydney;Сидней
Melbourne;Мельбурн
Canberra;Канберра
Wellington;Веллингтон
Washington;Washington D.C.;Washington DC;Вашингтон
New York;New York City;NYC;Нью-Йорк
Los Angeles;Лос-Анджелес
Chicago;Чикаго
San Francisco;Сан-Франциско
Boston;Бостон
Miami;Майами
Houston;Хьюстон
Dallas;Даллас
Seattle;Сиэтл
Atlanta;Атланта
Detroit;Детройт
Philadelphia;Филадельфия
Las Vegas;Лас-Вегас
Texas;Техас
California;Калифорния
Florida;Флорида
Alaska;Аляска
Hawaii;Гавайи
Virginia;Вирджиния
Ohio;Огайо
Michigan;Мичиган
Pennsylvania;Пенсильвания
Arizona;Аризона
Illinois;Иллинойс
Iowa;Айова
New Hampshire;Нью-Гэмпшир
New Jersey;Нью-Джерси
Massachusetts;Массачусетс
Ottawa;Оттава
Toronto;Торонто
Montreal;Монреаль
Vancouver;Ванкувер
Mexico City;Мехико
Havana;Гавана
Caracas;Каракас
Bogota;Богота
Lima;Лима
Santiago;Сантьяго
Buenos Aires;Буэнос-Айрес
Brasilia;Бразилиа
Rio de Janeiro;Рио-де-Жанейро
Sao Paulo;Сан-Паулу
Johannesburg;Йоханнесбург
Cape Town;Кейптаун
Nairobi;Найроби
Lagos;Лагос
Addis Ababa;Аддис-Абеба
Khartoum;Хартум
Algiers;Алжир
Tunis;Тунис
Rabat;Рабат
Casablanca;Касабланка
Strasbourg;Страсбург
Salisbury;Солсбери
`;

/** Organisations: international bodies, state bodies, parties, media, companies. */
export const ORGANISATIONS = `
United Nations;UN;U.N.;ООН;Организация Объединенных Наций
UN Security Council;Security Council;Совет Безопасности ООН;Совбез ООН;Рада Безпеки ООН;Совбез
UN General Assembly;General Assembly;Генассамблея ООН;Генеральная ассамблея ООН
UNESCO;ЮНЕСКО
UNICEF;ЮНИСЕФ
UNHCR;УВКБ ООН
NATO;North Atlantic Treaty Organization;НАТО;Альянс
European Union;EU;E.U.;Евросоюз;Европейский союз;ЕС;Євросоюз;Європейський Союз;ЄС
European Commission;Еврокомиссия;Европейская комиссия;Єврокомісія
European Parliament;Европарламент;Європарламент
European Council;Европейский совет
Council of Europe;Совет Европы;Рада Європи
European Central Bank;ECB;ЕЦБ
European Court of Human Rights;ECHR;ЕСПЧ;Европейский суд по правам человека
OSCE;ОБСЕ;ОБСЄ
Organization for Security and Co-operation in Europe
International Monetary Fund;IMF;МВФ
World Bank;Всемирный банк;Світовий банк
World Trade Organization;WTO;ВТО;СОТ
World Health Organization;WHO;ВОЗ;ВООЗ
International Criminal Court;ICC;МУС;Международный уголовный суд
International Court of Justice;ICJ;Международный суд ООН
International Atomic Energy Agency;IAEA;МАГАТЭ;МАГАТЕ
Interpol;Интерпол;Інтерпол
Red Cross;International Committee of the Red Cross;ICRC;Красный Крест;Червоний Хрест;МККК
Amnesty International;Amnesty;Amnesty International
Human Rights Watch;HRW;Хьюман Райтс Вотч
Reporters Without Borders;RSF;Репортеры без границ
Committee to Protect Journalists;CPJ
Greenpeace;Гринпис
G7;Group of Seven;Большая семерка;Большая семёрка;G8
G20;Group of Twenty;Большая двадцатка
BRICS;БРИКС
Commonwealth of Independent States;CIS;СНГ
Collective Security Treaty Organization;CSTO;ОДКБ
Shanghai Cooperation Organisation;SCO;ШОС
Eurasian Economic Union;EAEU;ЕАЭС
OPEC;ОПЕК
African Union;Африканский союз
Arab League;Лига арабских государств
ASEAN;АСЕАН
FIFA;ФИФА
UEFA;УЕФА
International Olympic Committee;IOC;МОК
WADA;ВАДА
Kremlin;Кремль
White House;Белый дом;Білий дім
Pentagon;Пентагон
State Department;US State Department;Госдепартамент;Госдеп;Держдеп
Congress;US Congress;Конгресс;Конгрес
Senate;US Senate;Сенат
House of Representatives;Палата представителей
Supreme Court;Верховный суд
Federal Reserve;Fed;ФРС
FBI;ФБР
CIA;ЦРУ
NSA;АНБ
Department of Justice;Justice Department;Минюст США
Department of Defense;Министерство обороны США
Downing Street;Даунинг-стрит
House of Commons;Палата общин
House of Lords;Палата лордов
Bundestag;Бундестаг
Bundeswehr;Бундесвер
Elysee Palace;Élysée;Елисейский дворец
MI6;МИ-6
MI5;МИ-5
Mossad;Моссад
Hamas;ХАМАС
Hezbollah;Хезболла;Хезболлах
Taliban;Талибан
Islamic State;ISIS;ISIL;Daesh;ИГИЛ;Исламское государство;ІДІЛ
Al-Qaeda;Al Qaeda;al-Qaida;Аль-Каида
Muslim Brotherhood;Братья-мусульмане
PLO;ООП
Fatah;ФАТХ
Kurdistan Workers' Party;PKK;РПК
State Duma;Duma;Госдума;Государственная дума;Дума
Federation Council;Совет Федерации;Совфед
Government of Russia;Russian Government;Правительство России;Правительство РФ
Russian Foreign Ministry;Foreign Ministry;МИД;МИД России;МИД РФ;Министерство иностранных дел;МЗС
Russian Defence Ministry;Defence Ministry;Defense Ministry;Минобороны;Министерство обороны;Міноборони
Interior Ministry;МВД;Министерство внутренних дел;МВС
Ministry of Emergency Situations;МЧС
Federal Security Service;FSB;ФСБ
Foreign Intelligence Service;SVR;СВР
GRU;ГРУ
KGB;КГБ
NKVD;НКВД
Investigative Committee;Следственный комитет;СК
Prosecutor General's Office;Генпрокуратура;Генеральная прокуратура
Central Election Commission;ЦИК;Центризбирком
Constitutional Court;Конституционный суд
Central Bank of Russia;Bank of Russia;Центробанк;ЦБ;Банк России
Roskomnadzor;Роскомнадзор
Rosneft;Роснефть
Gazprom;Газпром
Lukoil;Лукойл
Sberbank;Сбербанк;Сбер
VTB;ВТБ
Rostec;Ростех
Rosatom;Росатом
Roscosmos;Роскосмос
Aeroflot;Аэрофлот
Yandex;Яндекс
VKontakte;VK;ВКонтакте
Wagner Group;Wagner;ЧВК Вагнер;Вагнер;ЧВК «Вагнер»
Russian Orthodox Church;Moscow Patriarchate;РПЦ;Русская православная церковь;Московский патриархат
United Russia;Единая Россия;Єдина Росія
Communist Party of the Russian Federation;КПРФ
Liberal Democratic Party of Russia;LDPR;ЛДПР
A Just Russia;Справедливая Россия
Yabloko;Яблоко
Anti-Corruption Foundation;FBK;ФБК;Фонд борьбы с коррупцией
Memorial;Мемориал
Verkhovna Rada;Rada;Верховная Рада;Верховна Рада;Рада
Security Service of Ukraine;SBU;СБУ
Armed Forces of Ukraine;AFU;ВСУ;ЗСУ
Naftogaz;Нафтогаз
Servant of the People;Слуга народа;Слуга народу
European Solidarity;Европейская солидарность;Європейська солідарність
Azov Regiment;полк «Азов»
Right Sector;Правый сектор;Правий сектор
Party of Regions;Партия регионов;Партія регіонів
Batkivshchyna;Батькивщина;Батьківщина
Democratic Party;Democrats;Демократическая партия
Republican Party;GOP;Republicans;Республиканская партия
Labour Party;Labour;Лейбористская партия
Conservative Party;Conservatives;Tories;Консервативная партия
Liberal Democrats;Lib Dems
Alternative for Germany;AfD;Альтернатива для Германии
Christian Democratic Union;CDU;ХДС
Social Democratic Party;SPD;СДПГ
National Rally;Front National;National Front;Национальное объединение;Национальный фронт
Fidesz;Фидес
Law and Justice;PiS;Право и справедливость
Reuters;Рейтер;Рейтерс;Reuters News
Associated Press;AP;Ассошиэйтед Пресс
Agence France-Presse;AFP;Франс Пресс
Bloomberg;Блумберг
BBC;Би-би-си;ВВС
CNN;Си-эн-эн
Fox News;Фокс Ньюс
MSNBC
NBC;Эн-би-си
CBS
ABC
The New York Times;New York Times;NYT;Нью-Йорк таймс
The Washington Post;Washington Post;Вашингтон пост
The Wall Street Journal;Wall Street Journal;WSJ;Уолл-стрит джорнал
The Guardian;Guardian;Гардиан
The Times;Таймс
Financial Times;FT;Файнэншл таймс
The Economist;Economist;Экономист
Der Spiegel;Spiegel;Шпигель
Le Monde;Монд
Politico;Политико
Al Jazeera;Аль-Джазира
Deutsche Welle;DW;Немецкая волна
Radio Free Europe;RFE/RL;Radio Liberty;Радио Свобода;Радіо Свобода
Voice of America;VOA;Голос Америки
RT;Russia Today;Раша Тудей
Sputnik;Спутник
TASS;ТАСС
RIA Novosti;РИА Новости;РИА «Новости»
Interfax;Интерфакс;Інтерфакс
Kommersant;Коммерсант;Коммерсантъ
Vedomosti;Ведомости
Izvestia;Известия
Novaya Gazeta;Новая газета
Meduza;Медуза
Ekho Moskvy;Echo of Moscow;Эхо Москвы
Channel One;Первый канал
Rossiya 1;Россия-1;Россия 1
NTV;НТВ
Dozhd;TV Rain;Дождь
Komsomolskaya Pravda;Комсомольская правда
Rossiyskaya Gazeta;Российская газета
Lenta.ru;Лента.ру
Ukrainska Pravda;Украинская правда;Українська правда
Kyiv Independent
Ukrinform;Укринформ;Укрінформ
UNIAN;УНИАН;УНІАН
Telegram;Телеграм
Facebook;Фейсбук
Twitter;Твиттер;Твітер
YouTube;Ютуб
Google;Гугл
Meta;Мета
Microsoft;Майкрософт
Apple;Эппл
Amazon;Амазон
Tesla;Тесла
SpaceX
Boeing;Боинг
Airbus;Эйрбас
Intel
IBM
Samsung;Самсунг
Huawei;Хуавэй
Philips;Филипс
Siemens;Сименс
Volkswagen;Фольксваген
Toyota;Тойота
General Motors;GM
General Electric;GE
Ford;Ford Motor
BP
Shell;Royal Dutch Shell
ExxonMobil;Exxon
Chevron
Goldman Sachs
JPMorgan;JP Morgan;JPMorgan Chase
Deutsche Bank;Дойче банк
HSBC
Nokia;Нокия
Ericsson
Harvard University;Harvard;Гарвард;Гарвардский университет
Oxford University;University of Oxford;Oxford;Оксфорд
Cambridge University;University of Cambridge
Moscow State University;MSU;МГУ
Stanford University;Stanford
Yale University;Yale
Princeton University;Princeton
MIT;Massachusetts Institute of Technology
Higher School of Economics;HSE;ВШЭ;Высшая школа экономики
Russian Academy of Sciences;РАН;Российская академия наук
Nobel Committee;Нобелевский комитет
`;

/** People often named in political news (aliases include Russian and Ukrainian forms). */
export const PEOPLE = `
Vladimir Putin;Putin;V.V. Putin;Путин;Владимир Путин;Владимир Владимирович Путин;Путін;Володимир Путін
Volodymyr Zelensky;Zelensky;Zelenskyy;Zelenskiy;Zelenskii;Volodymyr Zelenskyy;Vladimir Zelensky;Зеленский;Владимир Зеленский;Зеленський;Володимир Зеленський
Dmitry Medvedev;Medvedev;Медведев;Дмитрий Медведев
Sergei Lavrov;Sergey Lavrov;Lavrov;Лавров;Сергей Лавров
Sergei Shoigu;Sergey Shoigu;Shoigu;Шойгу;Сергей Шойгу
Mikhail Mishustin;Mishustin;Мишустин;Михаил Мишустин
Dmitry Peskov;Peskov;Песков;Дмитрий Песков
Maria Zakharova;Zakharova;Захарова;Мария Захарова
Valentina Matviyenko;Matviyenko;Матвиенко;Валентина Матвиенко
Vyacheslav Volodin;Volodin;Володин;Вячеслав Володин
Sergei Sobyanin;Sobyanin;Собянин;Сергей Собянин
Yuri Luzhkov;Luzhkov;Лужков;Юрий Лужков
Ramzan Kadyrov;Kadyrov;Кадыров;Рамзан Кадыров
Yevgeny Prigozhin;Prigozhin;Пригожин;Евгений Пригожин
Alexei Navalny;Navalny;Navalnyy;Навальный;Алексей Навальный
Yulia Navalnaya;Navalnaya;Навальная;Юлия Навальная
Mikhail Gorbachev;Gorbachev;Горбачев;Горбачёв;Михаил Горбачев
Boris Yeltsin;Yeltsin;Ельцин;Борис Ельцин
Joseph Stalin;Stalin;Сталин;Иосиф Сталин
Vladimir Lenin;Lenin;Ленин;Владимир Ленин
Nikita Khrushchev;Khrushchev;Хрущев;Хрущёв
Leonid Brezhnev;Brezhnev;Брежнев
Vladimir Zhirinovsky;Zhirinovsky;Жириновский;Владимир Жириновский
Gennady Zyuganov;Zyuganov;Зюганов;Геннадий Зюганов
Alexander Lukashenko;Lukashenko;Лукашенко;Александр Лукашенко;Олександр Лукашенко
Sviatlana Tsikhanouskaya;Tsikhanouskaya;Тихановская
Petro Poroshenko;Poroshenko;Порошенко;Петр Порошенко;Петро Порошенко
Viktor Yanukovych;Yanukovych;Yanukovich;Янукович;Виктор Янукович;Віктор Янукович
Viktor Yushchenko;Yushchenko;Ющенко
Yulia Tymoshenko;Tymoshenko;Тимошенко;Юлия Тимошенко;Юлія Тимошенко
Leonid Kravchuk;Kravchuk;Кравчук
Leonid Kuchma;Kuchma;Кучма
Dmytro Kuleba;Kuleba;Кулеба;Дмитрий Кулеба;Дмитро Кулеба
Andriy Yermak;Yermak;Ермак;Єрмак
Denys Shmyhal;Shmyhal;Шмыгаль;Шмигаль
Valerii Zaluzhnyi;Zaluzhny;Zaluzhnyi;Залужный;Залужний
Oleksandr Syrskyi;Syrskyi;Сырский;Сирський
Kyrylo Budanov;Budanov;Буданов
Vitali Klitschko;Vitaliy Klitschko;Klitschko;Кличко;Виталий Кличко;Віталій Кличко
Mikheil Saakashvili;Saakashvili;Саакашвили;Михаил Саакашвили
Joe Biden;Biden;Байден;Джо Байден
Donald Trump;Trump;Трамп;Дональд Трамп
Barack Obama;Obama;Обама;Барак Обама
Hillary Clinton;Хиллари Клинтон
Bill Clinton;Билл Клинтон
George W. Bush;Джордж Буш
Kamala Harris;Harris;Камала Харрис
Antony Blinken;Blinken;Блинкен;Энтони Блинкен
Mike Pompeo;Pompeo;Помпео
Jens Stoltenberg;Stoltenberg;Столтенберг;Йенс Столтенберг
Mark Rutte;Rutte;Рютте
Ursula von der Leyen;von der Leyen;Урсула фон дер Ляйен;фон дер Ляйен
Josep Borrell;Borrell;Боррель
Charles Michel;Шарль Мишель
Angela Merkel;Merkel;Меркель;Ангела Меркель
Olaf Scholz;Scholz;Шольц;Олаф Шольц
Emmanuel Macron;Macron;Макрон;Эммануэль Макрон
Boris Johnson;Борис Джонсон
Rishi Sunak;Sunak;Сунак
Keir Starmer;Starmer;Стармер
Theresa May;Тереза Мэй
Gordon Brown;Гордон Браун
Tony Blair;Blair;Блэр;Тони Блэр
Margaret Thatcher;Thatcher;Тэтчер
Winston Churchill;Churchill;Черчилль
Viktor Orban;Orban;Orbán;Виктор Орбан;Орбан
Andrzej Duda;Duda;Анджей Дуда
Recep Tayyip Erdogan;Erdogan;Erdoğan;Эрдоган;Реджеп Тайип Эрдоган;Ердоган
Xi Jinping;Си Цзиньпин;Сі Цзіньпін
Hu Jintao;Ху Цзиньтао
Kim Jong Un;Kim Jong-un;Ким Чен Ын
Kim Jong Il;Kim Jong-il;Ким Чен Ир
Narendra Modi;Modi;Нарендра Моди
Benjamin Netanyahu;Netanyahu;Нетаньяху;Биньямин Нетаньяху
Bashar al-Assad;Assad;al-Assad;Асад;Башар Асад;Башар аль-Асад
Ali Khamenei;Khamenei;Хаменеи
Hassan Rouhani;Rouhani;Роухани
Mahmoud Ahmadinejad;Ahmadinejad;Ахмадинежад
Saddam Hussein;Саддам Хусейн
Muammar Gaddafi;Gaddafi;Каддафи;Муаммар Каддафи
Osama bin Laden;bin Laden;Усама бен Ладен;бен Ладен
Fidel Castro;Фидель Кастро
Hugo Chavez;Chavez;Уго Чавес;Чавес
Nicolas Maduro;Maduro;Мадуро
Luiz Inacio Lula da Silva;Lula;Лула
Jair Bolsonaro;Bolsonaro;Болсонару
Pope Francis;Папа Франциск;Франциск
Antonio Guterres;Guterres;Гутерриш;Антониу Гутерриш
Ban Ki-moon;Пан Ги Мун
Kofi Annan;Кофи Аннан
Elon Musk;Musk;Илон Маск;Маск
Mark Zuckerberg;Zuckerberg;Цукерберг
Pavel Durov;Durov;Дуров;Павел Дуров
Roman Abramovich;Abramovich;Абрамович
Mikhail Khodorkovsky;Khodorkovsky;Ходорковский
Boris Nemtsov;Nemtsov;Немцов
Anna Politkovskaya;Politkovskaya;Политковская
Garry Kasparov;Kasparov;Каспаров
Alexander Dugin;Dugin;Дугин
Vladimir Solovyov;Solovyov;Соловьев;Соловьёв
Margarita Simonyan;Simonyan;Симоньян
Patriarch Kirill;Патриарх Кирилл
Yevgeny Primakov;Primakov;Примаков
Alexander Litvinenko;Litvinenko;Литвиненко
Sergei Skripal;Skripal;Скрипаль
Julian Assange;Assange;Ассанж
Edward Snowden;Snowden;Сноуден
`;

/** Other named things (MISC): events, documents, wars, languages. */
export const MISCELLANEOUS = `
World War II;Second World War;WWII;Вторая мировая война;Друга світова війна
World War I;First World War;WWI;Первая мировая война
Great Patriotic War;Великая Отечественная война
Cold War;Холодная война
Olympic Games;Olympics;Олимпиада;Олимпийские игры
World Cup;Чемпионат мира
Euromaidan;Maidan;Евромайдан;Майдан
Minsk agreements;Минские соглашения
Nord Stream;Северный поток
Nord Stream 2;Северный поток-2
Brexit;Брексит
Holocaust;Холокост
Bible;Библия
Koran;Quran;Коран
Christmas;Рождество
Easter;Пасха
Ramadan;Рамадан
`;

/** Demonyms and language adjectives: capitalised in English, marked MISC (CoNLL's convention). */
export const DEMONYMS = `American Americans Afghan Albanian Algerian Arab Arabs Arabic Argentine Argentinian Armenian
Asian Australian Austrian Azerbaijani Azeri Baltic Belarusian Belarusian Belgian Bolivian Bosnian Brazilian British
Briton Britons Bulgarian Burmese Cambodian Canadian Chechen Chilean Chinese Colombian Croat Croatian Cuban Cypriot
Czech Danish Dane Dutch Egyptian English Englishman Estonian Ethiopian European Europeans Filipino Finnish French
Frenchman Georgian German Germans Greek Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Islamic Israeli
Israelis Italian Italians Japanese Jewish Jordanian Kazakh Kenyan Korean Kosovar Kurd Kurdish Kurds Kuwaiti Kyrgyz
Latin Latvian Lebanese Libyan Lithuanian Macedonian Malaysian Maltese Mexican Moldovan Mongolian Montenegrin
Moroccan Muslim Muslims Nigerian Norwegian Pakistani Palestinian Palestinians Persian Peruvian Polish Portuguese
Romanian Russian Russians Saudi Scandinavian Scottish Scot Serb Serbian Serbs Slovak Slovenian Somali Soviet
Spanish Sudanese Swede Swedish Swiss Syrian Taiwanese Tajik Tatar Thai Tibetan Tunisian Turk Turkish Turkmen
Ugandan Ukrainian Ukrainians Uzbek Venezuelan Vietnamese Welsh Yemeni Yugoslav Zimbabwean Christian Christians
Catholic Orthodox Protestant Sunni Shi'ite Shiite Buddhist Hindu Jew Jews Western Eastern Nazi Nazis Bolshevik
Communist Communists Marxist Democrat Republican Olympic`;

/** Common given names, English and other Western forms. */
export const FIRST_NAMES_LATIN = `Aaron Abdul Abdullah Adam Adrian Ahmed Alan Albert Alberto Alejandro Alex Alexander
Alexandre Alexandra Alexei Alexey Ali Alice Alicia Alison Amanda Amy Ana Andre Andrea Andreas Andrei Andrew Andrey
Andriy Andy Angela Angelo Ann Anna Anne Anthony Anton Antonio Antony Arnold Arthur Ashley Barbara Barry Ben Benjamin
Bernard Bill Billy Bob Bobby Boris Brad Brandon Brian Bruce Bruno Bryan Carl Carlos Carol Caroline Catherine Charles
Charlie Chris Christian Christina Christine Christopher Claire Claude Claudia Colin Craig Dan Daniel Daniela Danny
Darren David Dean Denis Dennis Denys Derek Diana Diego Dimitri Dmitri Dmitriy Dmitry Dmytro Dominic Don Donald Doug
Douglas Dylan Ed Eddie Edward Elena Elizabeth Ellen Emily Emma Emmanuel Eric Erik Ernst Eugene Evgeny Fabio Felipe
Fernando Francesco Francis Francisco Frank Franz Fred Frederick Gabriel Gary Gavin Gennady Geoffrey George Georgy
Gerald Gerhard Giovanni Giuseppe Glen Glenn Gordon Graham Greg Gregory Hans Harold Harry Heinz Helen Helmut Henri
Henry Herbert Hillary Howard Hugh Hugo Hussein Ian Igor Ihor Ilya Ivan Jack Jacob Jacques James Jamie Jan Jane Janet
Jason Javier Jean Jeff Jeffrey Jennifer Jens Jeremy Jerry Jessica Jim Jimmy Joan Joe Johan Johann John Johnny Jon
Jonathan Jorge Jose Josef Joseph Josh Joshua Juan Julia Julian Julie Jurgen Karen Karl Kate Katherine Kathleen Keith
Kelly Ken Kenneth Kevin Kim Klaus Kurt Larry Laura Lee Leon Leonid Linda Lisa Louis Luca Lucas Luis Luke Marc Marco
Marcus Margaret Maria Marie Mario Mark Martin Mary Matt Matthew Maurice Max Maxim Michael Michel Michelle Miguel Mike
Mikhail Mohamed Mohammad Mohammed Muhammad Nancy Natalia Natalie Nathan Neil Nicholas Nick Nicolas Nikita Nikolai
Nikolay Noah Norman Oleg Oleksandr Oleksiy Olga Oliver Olivier Oscar Owen Pablo Patricia Patrick Paul Paula Pavel
Pedro Peter Petr Petro Phil Philip Philippe Pierre Rachel Rafael Ralph Ramon Raymond Rebecca Richard Rick Rob Robert
Roberto Robin Roger Roman Ron Ronald Rosa Ross Roy Ruslan Russell Ryan Sally Sam Samuel Sandra Sara Sarah Scott Sean
Sebastian Serge Sergei Sergey Sergio Serhiy Simon Sophie Stefan Stephanie Stephen Steve Steven Stuart Susan Svetlana
Taras Tatiana Terry Thomas Tim Timothy Tom Tommy Tony Valentin Valery Vasily Victor Viktor Vincent Vitaly Vladimir
Vladislav Volodymyr Walter Wayne Werner Willem William Wolfgang Xavier Yevgeny Yuri Yuriy Yulia Yury Zoe`;

/** Common given names in Cyrillic (Russian and Ukrainian nominative forms). */
export const FIRST_NAMES_CYRILLIC = `Александр Алексей Анатолий Андрей Антон Аркадий Арсений Артем Артём Борис Вадим
Валентин Валерий Василий Виктор Виталий Владимир Владислав Вячеслав Геннадий Георгий Герман Глеб Григорий Даниил
Денис Дмитрий Евгений Егор Иван Игорь Илья Кирилл Константин Леонид Максим Марат Михаил Никита Николай Олег Павел
Петр Пётр Роман Руслан Сергей Станислав Степан Тимур Федор Фёдор Эдуард Юрий Яков Ярослав Рамзан Мухаммед Ахмед
Александра Алина Алла Анастасия Анна Валентина Вера Виктория Галина Дарья Екатерина Елена Елизавета Жанна Зоя Инна
Ирина Карина Ксения Лариса Любовь Людмила Маргарита Марина Мария Надежда Наталья Наталия Нина Оксана Ольга Полина
Светлана Софья Софья Тамара Татьяна Юлия Яна Олександр Олексій Андрій Віктор Віталій Володимир Дмитро Євген Ігор
Михайло Микола Олег Павло Петро Сергій Юрій Тарас Богдан Василь Степан Ірина Олена Наталія Юлія Катерина Оксана
Джон Джо Джордж Джеймс Дональд Барак Хиллари Билл Майкл Дэвид Роберт Ричард Томас Питер Пол Марк Стивен Эндрю
Ангела Эммануэль Франсуа Николя Жан Пьер Мишель Шарль Йенс Олаф Герхард Гельмут Ким Мохаммед Абдулла Реджеп Биньямин`;

/** Titles, ranks and honorifics stripped from the front of a person's name. */
export const TITLES_EN = `mr mrs ms miss dr prof professor sir dame lord lady president vice-president premier prime
minister chancellor king queen prince princess emperor pope patriarch saint st general gen colonel col lieutenant lt
major maj captain capt sergeant sgt admiral marshal commander chief secretary comrade senator sen congressman
congresswoman representative rep governor gov mayor ambassador judge justice attorney sheikh ayatollah imam rabbi
father bishop archbishop cardinal reverend rev mister madam madame monsieur herr frau deputy foreign defence defense
interior finance state general-secretary speaker chairman chairwoman chair director spokesman spokeswoman spokesperson
leader head minister-president coach manager striker midfielder defender goalkeeper captain economist analyst
correspondent journalist editor founder ceo chief-executive officer executive envoy delegate commissioner
mp mep crown acting former late`;

export const TITLES_RU = `г-н г-жа господин госпожа товарищ президент вице-президент премьер премьер-министр
министр замминистра глава председатель зампред спикер генсек генеральный секретарь канцлер король королева принц
принцесса император папа патриарх митрополит генерал полковник подполковник майор капитан лейтенант адмирал маршал
сержант мэр губернатор посол сенатор депутат судья прокурор генпрокурор директор гендиректор руководитель лидер
основатель представитель пресс-секретарь советник помощник эксперт аналитик политолог журналист корреспондент
редактор главред адвокат юрист академик профессор доктор шейх аятолла имам раввин епископ кардинал отец святой пан пані президента министра премьера
канцлера генерала посла мэра губернатора депутата председателя главы лидера`;

/** Words that make a capitalised chunk an organisation (English). */
export const ORG_WORDS_EN = `inc inc. ltd ltd. llc plc corp corp. co co. company corporation group holdings
holding bank ministry department agency office committee commission council parliament assembly party union
federation association institute institution university college school academy foundation fund trust service
services army navy force forces police court tribunal board authority bureau organisation organization club united
city fc cf rovers wanderers athletic airlines airways motors industries international news times post journal
herald tribune gazette telegraph press television radio tv network broadcasting church league alliance coalition
movement front brigade regiment battalion cabinet government administration senate congress duma rada embassy
consulate exchange institute centre center laboratories labs systems technologies energy oil gas petroleum steel
insurance securities capital partners railway railways`;

export const ORG_WORDS_RU = `ооо оао зао пао ао нко фгуп гуп мгу компания корпорация концерн холдинг группа банк
министерство министерства ведомство агентство служба комитет комиссия совет парламент ассамблея партия союз
федерация ассоциация институт университет академия фонд управление департамент администрация правительство
мэрия суд трибунал прокуратура полиция армия флот войска газета журнал телеканал радиостанция издание агентство
церковь лига альянс коалиция движение фронт бригада полк батальон кабинет дума рада посольство консульство биржа
центр завод фабрика комбинат театр клуб команда организация объединение`;

/** Capitalised words that open sentences and are not names on their own (English). */
export const STOPWORDS_EN = `a an the this that these those there here it its he she they we you i his her their our
your my me him them us who whom whose what which when where why how if then than but and or nor so yet for of in on
at to from by with without about after before during since until while as because although though however
meanwhile moreover also still even just only not no yes all any some each every both either neither one two three
many more most much such other another several few first last next new old is are was were be been being has have
had do does did will would shall should can could may might must said says told according on monday tuesday
wednesday thursday friday saturday sunday january february march april may june july august september october
november december today yesterday tomorrow tonight now mr mrs ms dr please thanks thank let lets let's like unlike
under over above below between among against into onto upon within across along around behind beyond despite
near off out up down again once twice later earlier soon never always often sometimes perhaps maybe well oh ok
okay instead rather whether both whatever whoever whenever wherever nothing something everything anything nobody
somebody everybody anybody none per via vs`;

export const STOPWORDS_RU = `в во на из с со к ко по о об от до за под над при про для без у через между перед после
и а но или да же ли не ни что чтобы как так также тоже где когда куда откуда почему зачем если то это этот эта эти
тот та те он она оно они мы вы я ты его ее её их наш ваш мой твой свой кто чей который которая которое которые
все всё весь вся каждый любой другой такой сам самый уже еще ещё только лишь даже вот вон там тут здесь сейчас
теперь тогда потом затем однако впрочем поэтому хотя пока причем причём кроме вместо около возле среди по-прежнему
сегодня вчера завтра понедельник вторник среда четверг пятница суббота воскресенье январь февраль март апрель май
июнь июль август сентябрь октябрь ноябрь декабрь по-видимому кстати итак например наконец впервые также при этом
у в на й і та але або що як де коли цей ця ці той та ті він вона воно вони ми ви я ти його її їх наш ваш мій твій
свій хто який яка яке які все вже ще лише навіть тут там зараз тепер тоді потім однак тому хоча поки крім замість
сьогодні вчора завтра один одна одно одни нам мне меня нас вас им ему ей ним ней них таких таковых таким
первый второй третий новый нового новые многие многих некоторые несколько всего более менее около почти очень
по-моему конечно видимо возможно вероятно именно особенно согласно`;

/** Words that, after a name, say it is a person who speaks (English and Russian/Ukrainian). */
export const SPEECH_VERBS = `said says told added asked wrote announced stated declared argued explained noted
claimed warned insisted admitted denied replied tweeted posted urged called believes thinks says
заявил заявила заявили сказал сказала сообщил сообщила отметил отметила подчеркнул подчеркнула добавил добавила
пояснил пояснила рассказал рассказала признал признала считает написал написала уточнил уточнила призвал призвала
ответил ответила предупредил предупредила назвал назвала объявил объявила
заявив сказав повідомив зазначив наголосив додав написав пояснив`;

/** Prepositions after which an unknown capitalised word is likely a place. */
export const PLACE_PREPOSITIONS = `in at from near to into across throughout outside inside via toward towards
в во из под около возле до над через у у біля до з із під`;

/** Russian nouns that head a place name after a capitalised adjective ("Красная площадь"). */
export const PLACE_HEADS_RU = `область край республика округ район империя федерация площадь улица проспект бульвар
переулок шоссе набережная мост река озеро море океан залив пролив остров острова полуостров гора горы хребет долина
пустыня побережье берег регион губерния княжество королевство штат провинция дом дворец собор храм монастырь
парк сад аэропорт вокзал порт станция кладбище`;

/** Capitalised words that are never a name on their own (months, weekdays, "I"). */
export const NEVER_ALONE_WORDS = `i january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue
wed thu fri sat sun`;
