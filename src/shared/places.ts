// A compact gazetteer for the venue search (France, Belgium, Switzerland): regions, French departments,
// Belgian provinces, Swiss cantons and the cities a booker types. Pure data + lookups, no node/DOM
// imports (the renderer uses it to show search chips as the user types).
//
// Canonical names are the ones a French-speaking booker writes (Anvers, Bâle, Genève); aliases carry
// the other official languages and English (Antwerpen/Antwerp, Basel/Basle, Genf/Geneva). French
// region and department names match the Ministry of Culture's festival list, so imported venues meet
// the search on the same strings. French cities: the ~250 largest or best-known for live music
// (hand-written below) plus every commune hosting at least two music festivals in
// ../shared/data/festivals-france.csv (generated block, `npm run build:places` — scripts/build-places.ts).

export type PlaceCountry = 'FR' | 'BE' | 'CH';
export type RegionKind = 'region' | 'department' | 'province' | 'canton' | 'area';

export interface Region {
  /** Canonical name (French). */
  name: string;
  kind: RegionKind;
  country: PlaceCountry;
  /** French department number ("69", "2A", "974"); Swiss canton abbreviation ("GE"). */
  code?: string;
  /** The enclosing region for departments and provinces (French region, Belgian region). */
  parent?: string;
  /** Other names: other languages, English, former regions merged in 2016. */
  aliases: readonly string[];
  /** English label when it differs. */
  en?: string;
  /**
   * The name is also a common word ("Nord", "Cher", "Lot", "Somme"): the search takes it as a place
   * only after a place preposition or when written with a capital (see venue-query.ts).
   */
  ambiguous?: boolean;
}

export interface City {
  name: string;
  country: PlaceCountry;
  /** French region, Belgian region, Swiss canton. */
  region: string;
  /** French department or Belgian province. */
  subregion?: string;
  aliases: readonly string[];
  en?: string;
  ambiguous?: boolean;
}

/** Words that are also place names: place only after "à/in/en…", or capitalised (see venue-query.ts). */
const AMBIGUOUS_NAMES = new Set([
  // cities that are also French or English words
  'nice',
  'tours',
  'orange',
  'sens',
  'vienne',
  'lens',
  'spa',
  'bulle',
  'gap',
  'apt',
  'vire',
  'grasse',
  'lourdes',
  'sedan',
  'tulle',
  'moulins',
  'ales',
  'saintes',
  'vitre',
  'baden',
  'auch',
  'antony',
  'dole',
  'forest',
  'salon',
  // departments, provinces, cantons and regions that are also words
  'nord',
  'cher',
  'lot',
  'var',
  'ain',
  'landes',
  'manche',
  'somme',
  'loire',
  'centre',
  'creuse',
  'allier',
  'aube',
  'corse',
  'orne',
  'luxembourg',
  'zug',
  'sud',
  'uri',
]);

// ---- Data (template literals: one record a line, fields separated by "|", aliases by ";") --------

/** French regions: code | name | English | aliases (incl. the pre-2016 regions merged into each). */
const FR_REGIONS = `
ARA|Auvergne-Rhône-Alpes||AURA;Auvergne;Rhône-Alpes
BFC|Bourgogne-Franche-Comté|Burgundy-Franche-Comté|BFC;Bourgogne;Franche-Comté;Burgundy
BRE|Bretagne|Brittany|Breizh;BZH
CVL|Centre-Val de Loire||Centre;Val de Loire;Région Centre
COR|Corse|Corsica|
GES|Grand Est||Alsace;Lorraine;Champagne;Champagne-Ardenne;Alsace-Champagne-Ardenne-Lorraine
HDF|Hauts-de-France||HDF;Nord-Pas-de-Calais;Picardie;Picardy;Nord-Pas-de-Calais-Picardie
IDF|Île-de-France|Paris region|IDF;Région parisienne;Greater Paris;Paris area
NOR|Normandie|Normandy|Basse-Normandie;Haute-Normandie
NAQ|Nouvelle-Aquitaine||Aquitaine;Limousin;Poitou-Charentes;Pays basque;Basque country;Aquitaine-Limousin-Poitou-Charentes
OCC|Occitanie|Occitania|Languedoc;Languedoc-Roussillon;Midi-Pyrénées;Roussillon
PDL|Pays de la Loire||Pays-de-la-Loire
PAC|Provence-Alpes-Côte d'Azur||PACA;Provence;Côte d'Azur;French Riviera;Riviera;Région Sud;Sud
GUA|Guadeloupe||
MTQ|Martinique||
GUF|Guyane|French Guiana|Guyane française
REU|La Réunion|Réunion|Réunion;Reunion Island;île de la Réunion
MAY|Mayotte||
PYF|Polynésie française|French Polynesia|Tahiti
NCL|Nouvelle-Calédonie|New Caledonia|
BLM|Saint-Barthélemy|Saint Barthélemy|Saint-Barth;St Barts
SPM|Saint-Pierre-et-Miquelon||
MAF|Saint-Martin||
`;

/** French departments: number | name | region code | aliases. */
const FR_DEPARTMENTS = `
01|Ain|ARA|
02|Aisne|HDF|
03|Allier|ARA|
04|Alpes-de-Haute-Provence|PAC|
05|Hautes-Alpes|PAC|
06|Alpes-Maritimes|PAC|
07|Ardèche|ARA|
08|Ardennes|GES|
09|Ariège|OCC|
10|Aube|GES|
11|Aude|OCC|
12|Aveyron|OCC|
13|Bouches-du-Rhône|PAC|
14|Calvados|NOR|
15|Cantal|ARA|
16|Charente|NAQ|
17|Charente-Maritime|NAQ|
18|Cher|CVL|
19|Corrèze|NAQ|
2A|Corse-du-Sud|COR|
2B|Haute-Corse|COR|
21|Côte-d'Or|BFC|
22|Côtes-d'Armor|BRE|
23|Creuse|NAQ|
24|Dordogne|NAQ|Périgord
25|Doubs|BFC|
26|Drôme|ARA|
27|Eure|NOR|
28|Eure-et-Loir|CVL|
29|Finistère|BRE|
30|Gard|OCC|
31|Haute-Garonne|OCC|
32|Gers|OCC|
33|Gironde|NAQ|
34|Hérault|OCC|
35|Ille-et-Vilaine|BRE|
36|Indre|CVL|
37|Indre-et-Loire|CVL|Touraine
38|Isère|ARA|
39|Jura|BFC|
40|Landes|NAQ|
41|Loir-et-Cher|CVL|
42|Loire|ARA|
43|Haute-Loire|ARA|
44|Loire-Atlantique|PDL|
45|Loiret|CVL|
46|Lot|OCC|
47|Lot-et-Garonne|NAQ|
48|Lozère|OCC|
49|Maine-et-Loire|PDL|Anjou
50|Manche|NOR|
51|Marne|GES|
52|Haute-Marne|GES|
53|Mayenne|PDL|
54|Meurthe-et-Moselle|GES|
55|Meuse|GES|
56|Morbihan|BRE|
57|Moselle|GES|
58|Nièvre|BFC|
59|Nord|HDF|
60|Oise|HDF|
61|Orne|NOR|
62|Pas-de-Calais|HDF|
63|Puy-de-Dôme|ARA|
64|Pyrénées-Atlantiques|NAQ|
65|Hautes-Pyrénées|OCC|
66|Pyrénées-Orientales|OCC|
67|Bas-Rhin|GES|
68|Haut-Rhin|GES|
69|Rhône|ARA|Métropole de Lyon
70|Haute-Saône|BFC|
71|Saône-et-Loire|BFC|
72|Sarthe|PDL|
73|Savoie|ARA|
74|Haute-Savoie|ARA|
75|Paris|IDF|
76|Seine-Maritime|NOR|
77|Seine-et-Marne|IDF|
78|Yvelines|IDF|
79|Deux-Sèvres|NAQ|
80|Somme|HDF|
81|Tarn|OCC|
82|Tarn-et-Garonne|OCC|
83|Var|PAC|
84|Vaucluse|PAC|
85|Vendée|PDL|
86|Vienne|NAQ|
87|Haute-Vienne|NAQ|
88|Vosges|GES|
89|Yonne|BFC|
90|Territoire de Belfort|BFC|
91|Essonne|IDF|
92|Hauts-de-Seine|IDF|
93|Seine-Saint-Denis|IDF|Neuf-trois
94|Val-de-Marne|IDF|
95|Val-d'Oise|IDF|
971|Guadeloupe|GUA|
972|Martinique|MTQ|
973|Guyane|GUF|
974|La Réunion|REU|
976|Mayotte|MAY|
987|Polynésie française|PYF|
988|Nouvelle-Calédonie|NCL|
`;

/**
 * French cities, hand-written: name | department number | aliases. The largest ~150 communes (INSEE
 * population order, roughly) and towns known for their venues or festivals (Carhaix, Clisson, Marciac…).
 */
const FR_CITIES = `
Paris|75|
Marseille|13|
Lyon|69|
Toulouse|31|
Nice|06|
Nantes|44|
Montpellier|34|
Strasbourg|67|
Bordeaux|33|
Lille|59|
Rennes|35|
Toulon|83|
Reims|51|
Saint-Étienne|42|Sainté
Le Havre|76|
Villeurbanne|69|
Dijon|21|
Angers|49|
Grenoble|38|
Saint-Denis|93|
Nîmes|30|
Aix-en-Provence|13|Aix
Clermont-Ferrand|63|Clermont
Le Mans|72|
Brest|29|
Tours|37|
Amiens|80|
Annecy|74|
Limoges|87|
Metz|57|
Boulogne-Billancourt|92|
Perpignan|66|
Besançon|25|
Orléans|45|
Rouen|76|
Montreuil|93|
Caen|14|
Argenteuil|95|
Mulhouse|68|
Nancy|54|
Tourcoing|59|
Roubaix|59|
Nanterre|92|
Vitry-sur-Seine|94|
Créteil|94|
Avignon|84|
Poitiers|86|
Aubervilliers|93|
Dunkerque|59|Dunkirk
Aulnay-sous-Bois|93|
Colombes|92|
Asnières-sur-Seine|92|
Versailles|78|
Courbevoie|92|
Cherbourg-en-Cotentin|50|Cherbourg
Rueil-Malmaison|92|
Béziers|34|
Champigny-sur-Marne|94|
Pau|64|
La Rochelle|17|
Saint-Maur-des-Fossés|94|
Cannes|06|
Calais|62|
Antibes|06|Juan-les-Pins
Drancy|93|
Mérignac|33|
Ajaccio|2A|
Saint-Nazaire|44|
Colmar|68|
Issy-les-Moulineaux|92|
Noisy-le-Grand|93|
Évry-Courcouronnes|91|Évry
Vénissieux|69|
Cergy|95|Cergy-Pontoise
Levallois-Perret|92|
Valence|26|
Bourges|18|
Pessac|33|
Cayenne|973|
Ivry-sur-Seine|94|
Quimper|29|
La Seyne-sur-Mer|83|
Antony|92|
Villeneuve-d'Ascq|59|
Clichy|92|
Troyes|10|
Montauban|82|
Neuilly-sur-Seine|92|
Pantin|93|
Niort|79|
Chambéry|73|
Sarcelles|95|
Le Blanc-Mesnil|93|
Lorient|56|
Beauvais|60|
Maisons-Alfort|94|
Meaux|77|
Narbonne|11|
Chelles|77|
Villejuif|94|
Fréjus|83|
Hyères|83|
Vannes|56|
Épinay-sur-Seine|93|
Saint-Quentin|02|
Bondy|93|
Arles|13|
Sartrouville|78|
Fort-de-France|972|
Vincennes|94|
Bobigny|93|
Sevran|93|
Saint-Ouen-sur-Seine|93|Saint-Ouen
Cagnes-sur-Mer|06|
Clamart|92|
Corbeil-Essonnes|91|
Bayonne|64|
Montrouge|92|
Cholet|49|
Massy|91|
Laval|53|
Belfort|90|
Évreux|27|
Brive-la-Gaillarde|19|Brive
Albi|81|
Martigues|13|
Blois|41|
Saint-Malo|35|
Châteauroux|36|
Charleville-Mézières|08|
Carcassonne|11|
Saint-Brieuc|22|
Angoulême|16|
Chalon-sur-Saône|71|
Châlons-en-Champagne|51|
Tarbes|65|
Bastia|2B|
Sète|34|
Valenciennes|59|
Alès|30|
Boulogne-sur-Mer|62|
Arras|62|
Douai|59|
Lens|62|
Nevers|58|
Agen|47|
Auxerre|89|
Mâcon|71|
Périgueux|24|
Gap|05|
Vienne|38|
Roanne|42|
Montélimar|26|
Bourg-en-Bresse|01|
Annemasse|74|
Thonon-les-Bains|74|Thonon
Aix-les-Bains|73|
Cahors|46|
Rodez|12|
Mende|48|
Foix|09|
Auch|32|
Mont-de-Marsan|40|
Dax|40|
Biarritz|64|
Saint-Jean-de-Luz|64|
Bergerac|24|
Libourne|33|
Arcachon|33|
Cognac|16|
Saintes|17|
Rochefort|17|
Royan|17|
Saumur|49|
Alençon|61|
Lisieux|14|
Deauville|14|
Dieppe|76|
Fécamp|76|
Granville|50|
Saint-Lô|50|
Morlaix|29|
Concarneau|29|
Douarnenez|29|
Carhaix-Plouguer|29|Carhaix
Landerneau|29|
Quimperlé|29|
Pontivy|56|
Auray|56|
Dinan|22|
Fougères|35|
Vitré|35|
Redon|35|
Clisson|44|
La Roche-sur-Yon|85|
Les Sables-d'Olonne|85|
Châtellerault|86|
Guéret|23|
Tulle|19|
Aurillac|15|
Le Puy-en-Velay|43|
Moulins|03|
Vichy|03|
Montluçon|03|
Dole|39|
Lons-le-Saunier|39|
Montbéliard|25|
Vesoul|70|
Épinal|88|
Saint-Dié-des-Vosges|88|
Verdun|55|
Bar-le-Duc|55|
Thionville|57|
Forbach|57|
Sarreguemines|57|
Haguenau|67|
Sélestat|67|
Épernay|51|
Sedan|08|
Laon|02|
Soissons|02|
Compiègne|60|
Creil|60|
Senlis|60|
Abbeville|80|
Le Touquet-Paris-Plage|62|Le Touquet
Béthune|62|
Maubeuge|59|
Cambrai|59|
Fontainebleau|77|
Melun|77|
Provins|77|
Rambouillet|78|
Saint-Germain-en-Laye|78|
Mantes-la-Jolie|78|
Poissy|78|
Pontoise|95|
Enghien-les-Bains|95|
Étampes|91|
Chartres|28|
Dreux|28|
Vendôme|41|
Amboise|37|
Chinon|37|
Vierzon|18|
Montargis|45|
Sens|89|
Beaune|21|
Autun|71|
Cluny|71|
Le Creusot|71|
Orange|84|
Carpentras|84|
Cavaillon|84|
Apt|84|
Digne-les-Bains|04|Digne
Manosque|04|
Sisteron|04|
Briançon|05|
Grasse|06|
Menton|06|
Draguignan|83|
Saint-Tropez|83|
Aubagne|13|
Istres|13|
Salon-de-Provence|13|
La Ciotat|13|
La Roque-d'Anthéron|13|
Uzès|30|
Lunel|34|
Agde|34|
Millau|12|
Castres|81|
Figeac|46|
Marciac|32|
Lourdes|65|
Pamiers|09|
Saint-Gaudens|31|
Blagnac|31|
Colomiers|31|
Ramonville-Saint-Agne|31|Ramonville
Porto-Vecchio|2A|
Calvi|2B|
Corte|2B|
Pointe-à-Pitre|971|
Basse-Terre|971|
Les Abymes|971|
Saint-Pierre|974|
Saint-Paul|974|
Le Port|974|
Mamoudzou|976|
Papeete|987|
Nouméa|988|
Bègles|33|
Floirac|33|
Cenon|33|
Saint-Herblain|44|
Rezé|44|
Saint-Jean-de-Braye|45|
Hérouville-Saint-Clair|14|
Le Mée-sur-Seine|77|
Torcy|77|
Savigny-le-Temple|77|
Montigny-le-Bretonneux|78|Saint-Quentin-en-Yvelines
Guyancourt|78|
Bagnolet|93|
Les Lilas|93|
Le Pré-Saint-Gervais|93|
Fontenay-sous-Bois|94|
Alfortville|94|
Malakoff|92|
Gennevilliers|92|
Suresnes|92|
Saint-Cloud|92|
Sceaux|92|
Arcueil|94|
Cachan|94|
Ris-Orangis|91|
Brétigny-sur-Orge|91|
Bron|69|
Vaulx-en-Velin|69|
Oullins|69|Oullins-Pierre-Bénite
Échirolles|38|
Voiron|38|
Bourgoin-Jallieu|38|
Évian-les-Bains|74|Évian
Chamonix-Mont-Blanc|74|Chamonix
Albertville|73|
Vitrolles|13|
Miramas|13|
Six-Fours-les-Plages|83|
Saint-Raphaël|83|
Le Lavandou|83|
Ramatuelle|83|
Vence|06|
Saint-Paul-de-Vence|06|
Mandelieu-la-Napoule|06|
`;

/** Belgian regions: name | English | aliases. */
const BE_REGIONS = `
Bruxelles-Capitale|Brussels-Capital Region|Région de Bruxelles-Capitale;Région bruxelloise;Brussels Capital Region;Brussels region;Brussels-Capital;Brussels Hoofdstedelijk Gewest;Brussels Gewest
Wallonie|Wallonia|Région wallonne;Walloon region;Wallonia;Fédération Wallonie-Bruxelles
Flandre|Flanders|Flandres;Région flamande;Vlaanderen;Vlaams Gewest;Flemish region
`;

/** Belgian provinces: name | region | English | aliases (Dutch, German). */
const BE_PROVINCES = `
Anvers|Flandre|Antwerp|Antwerpen;province d'Anvers
Limbourg|Flandre|Limburg|Limburg
Flandre-Orientale|Flandre|East Flanders|Oost-Vlaanderen
Flandre-Occidentale|Flandre|West Flanders|West-Vlaanderen
Brabant flamand|Flandre|Flemish Brabant|Vlaams-Brabant
Brabant wallon|Wallonie|Walloon Brabant|Waals-Brabant
Hainaut|Wallonie||Henegouwen
Liège|Wallonie||Luik;Lüttich;province de Liège
Luxembourg|Wallonie|Luxembourg (Belgium)|Luxemburg;province de Luxembourg;Luxembourg belge
Namur|Wallonie||Namen;province de Namur
`;

/** Belgian cities: name | province (or region for Brussels) | English | aliases. */
const BE_CITIES = `
Bruxelles|Bruxelles-Capitale|Brussels|Brussel;Brüssel;Bruxelles-ville;Bxl
Ixelles|Bruxelles-Capitale||Elsene
Saint-Gilles (Bruxelles)|Bruxelles-Capitale||Sint-Gillis
Schaerbeek|Bruxelles-Capitale||Schaarbeek
Anderlecht|Bruxelles-Capitale||
Molenbeek-Saint-Jean|Bruxelles-Capitale||Molenbeek;Sint-Jans-Molenbeek
Etterbeek|Bruxelles-Capitale||
Uccle|Bruxelles-Capitale||Ukkel
Forest|Bruxelles-Capitale||Vorst
Anvers|Anvers|Antwerp|Antwerpen
Gand|Flandre-Orientale|Ghent|Gent
Bruges|Flandre-Occidentale||Brugge
Louvain|Brabant flamand|Leuven|Leuven
Malines|Anvers|Mechelen|Mechelen
Ostende|Flandre-Occidentale|Ostend|Oostende
Courtrai|Flandre-Occidentale||Kortrijk
Ypres|Flandre-Occidentale||Ieper
Roulers|Flandre-Occidentale||Roeselare
Hasselt|Limbourg||
Genk|Limbourg||
Tongres|Limbourg||Tongeren
Alost|Flandre-Orientale||Aalst
Saint-Nicolas (Belgique)|Flandre-Orientale||Sint-Niklaas
Werchter|Brabant flamand||
Liège|Liège||Luik;Lüttich;Liege
Verviers|Liège||
Seraing|Liège||
Huy|Liège||Hoei
Spa|Liège||
Namur|Namur||Namen
Dinant|Namur||
Charleroi|Hainaut||
Mons|Hainaut||Bergen
La Louvière|Hainaut||
Tournai|Hainaut||Doornik
Mouscron|Hainaut||Moeskroen
Dour|Hainaut||
Ath|Hainaut||Aat
Wavre|Brabant wallon||Waver
Nivelles|Brabant wallon||Nijvel
Louvain-la-Neuve|Brabant wallon||Ottignies-Louvain-la-Neuve;LLN
Arlon|Luxembourg||Aarlen
Bastogne|Luxembourg||Bastenaken
Marche-en-Famenne|Luxembourg||
Durbuy|Luxembourg||
Eupen|Liège||
`;

/** Swiss cantons: abbreviation | name | English | aliases (German, Italian, Romansh). */
const CH_CANTONS = `
GE|Genève|Geneva|Genf;Ginevra;canton de Genève
VD|Vaud||Waadt;canton de Vaud
VS|Valais||Wallis;Vallese
NE|Neuchâtel||Neuenburg;canton de Neuchâtel
FR|Fribourg||Freiburg;canton de Fribourg
JU|Jura (canton)|Jura (canton)|canton du Jura;Jura suisse;Swiss Jura
BE|Berne (canton)|Bern (canton)|canton de Berne;Kanton Bern;Bernese
ZH|Zurich (canton)|Zurich (canton)|canton de Zurich;Kanton Zürich
BS|Bâle-Ville|Basel-City|Basel-Stadt
BL|Bâle-Campagne|Basel-Country|Basel-Landschaft;Baselland
AG|Argovie|Aargau|Aargau
LU|Lucerne (canton)|Lucerne (canton)|canton de Lucerne;Kanton Luzern
TI|Tessin|Ticino|Ticino
GR|Grisons|Graubünden|Graubünden;Grigioni;Grischun
SG|Saint-Gall (canton)|St. Gallen (canton)|canton de Saint-Gall;Kanton St. Gallen
TG|Thurgovie|Thurgau|Thurgau
SH|Schaffhouse (canton)|Schaffhausen (canton)|canton de Schaffhouse;Kanton Schaffhausen
SO|Soleure (canton)|Solothurn (canton)|canton de Soleure;Kanton Solothurn
ZG|Zoug (canton)|Zug (canton)|canton de Zoug;Kanton Zug
SZ|Schwytz|Schwyz|Schwyz
UR|Uri||
OW|Obwald|Obwalden|Obwalden
NW|Nidwald|Nidwalden|Nidwalden
GL|Glaris|Glarus|Glarus
AR|Appenzell Rhodes-Extérieures|Appenzell Ausserrhoden|Appenzell Ausserrhoden
AI|Appenzell Rhodes-Intérieures|Appenzell Innerrhoden|Appenzell Innerrhoden
`;

/** Swiss cities: name | canton abbreviation | English | aliases. */
const CH_CITIES = `
Genève|GE|Geneva|Genf;Ginevra;Geneve
Carouge|GE||
Meyrin|GE||
Vernier|GE||
Lausanne|VD||Losanna
Montreux|VD||
Vevey|VD||
Nyon|VD||
Morges|VD||
Renens|VD||
Yverdon-les-Bains|VD||Yverdon
Zurich|ZH||Zürich;Zurigo
Winterthour|ZH||Winterthur
Berne|BE|Bern|Bern;Berna
Bienne|BE|Biel|Biel;Biel/Bienne
Thoune|BE|Thun|Thun
Bâle|BS|Basel|Basel;Basle;Basilea
Lucerne|LU||Luzern;Lucerna
Saint-Gall|SG|St. Gallen|St. Gallen;Sankt Gallen;San Gallo
Lugano|TI||
Locarno|TI||
Bellinzone|TI|Bellinzona|Bellinzona
Fribourg|FR||Freiburg;Freiburg im Üechtland
Bulle|FR||
Neuchâtel|NE||Neuenburg
La Chaux-de-Fonds|NE||Chaux-de-Fonds
Sion|VS||Sitten
Martigny|VS||
Sierre|VS||Siders
Monthey|VS||
Delémont|JU||Delsberg
Porrentruy|JU||
Coire|GR|Chur|Chur
Schaffhouse|SH|Schaffhausen|Schaffhausen
Zoug|ZG|Zug|Zug
Aarau|AG||
Baden|AG||
Soleure|SO|Solothurn|Solothurn
`;

/** Groups of cantons with a name of their own (bilingual cantons are counted in Romandie). */
const CH_AREAS = `
Suisse romande|GE;VD;VS;NE;FR;JU|French-speaking Switzerland|Romandie;Suisse francophone;Welschland;Western Switzerland
Suisse alémanique|ZH;BE;BS;BL;AG;LU;SG;TG;SH;SO;ZG;SZ;UR;OW;NW;GL;AR;AI;GR;FR;VS|German-speaking Switzerland|Deutschschweiz;Suisse allemande
Suisse italienne|TI;GR|Italian-speaking Switzerland|Svizzera italiana
`;

// Generated by scripts/build-places.ts from ../shared/data/festivals-france.csv: communes hosting at
// least two music festivals that are not in FR_CITIES above (name | department number).
// BEGIN GENERATED FESTIVAL CITIES
const FR_FESTIVAL_CITIES = `
Céret|66|
Juan-Les-Pins|06|
Le Mené|22|
Limoux|11|
Argenton-sur-Creuse|36|
Correns|83|
Dinard|35|
Embrun|05|
Villeneuve-Loubet|06|
Ambert|63|
Anglet|64|
Arradon|56|
Bandol|83|
Beaulieu-sur-Mer|06|
Binic-Étables-sur-Mer|22|
Carros|06|
Carry-Le-Rouet|13|
Château-Gontier-sur-Mayenne|53|
Clohars-Carnoët|29|
Collioure|66|
Coutances|50|
Crozon|29|
Dieulefit|26|
Ferney-Voltaire|01|
Hendaye|64|
La Croix-Valmer|83|
Lagrasse|11|
Le Palais|56|
Lormes|58|
Louviers|27|
Magny-les-Hameaux|78|
Mayenne|53|
Melle|79|
Meung-sur-Loire|45|
Mèze|34|
Mirande|32|
Montbrison|42|
Mougins|06|
Nogent-le-Rotrou|28|
Noisiel|77|
Nort-sur-Erdre|44|
Oignies|62|
Pavie|32|
Rognes|13|
Rostrenen|22|
Rouziers-de-Touraine|37|
Saint-Émilion|33|
Saint-Paterne-Racan|37|
Segré-en-Anjou Bleu|49|
Simorre|32|
Surgères|17|
Thiers|63|
Thouars|79|
Vaison-La-Romaine|84|
Allaire|56|
Allegre-Les-Fumades|30|
Ancenis-Saint-Géréon|44|
Annonay|07|
Arbois|39|
Argences-en-Aubrac|12|
Arrens-Marsous|65|
Athis-Mons|91|
Attignat|01|
Audincourt|25|
Auxon|10|
Bagnères-De-Bigorre|65|
Bain-de-Bretagne|35|
Bar-sur-Aube|10|
Barcelonnette|04|
Barjols|83|
Batz-sur-Mer|44|
Beaulieu-lès-Loches|37|
Beaumont-De-Pertuis|84|
Berric|56|
Blesle|43|
Bourg-Saint-Andéol|07|
Brando|2B|
Brignoles|83|
Callac|22|
Capbreton|40|
Capendu|11|
Carnac|56|
Carolles|50|
Castelnau-Barbarens|32|
Castelnau-de-Montmiral|81|
Castelnaudary|11|
Cavalaire|83|
Celles-sur-Belle|79|
Cergy-Pontoise|95|
Chamberet|19|
Champagnole|39|
Chaon|41|
Chassignolles|36|
Château-Renault|37|
Chateauneuf-Grasse|06|
Châtel-Guyon|63|
Châtenay-Malabry|92|
Chaulnes|80|
Chauny|02|
Chemillé-sur-Indrois|37|
Clermont|74|
Condom|32|
Conques-sur-Orbiel|11|
Cordes-sur-Ciel|81|
Craponne-sur-Arzon|43|
Cusset|03|
Eus|66|
Èvres|55|
Excideuil|24|
Eyguieres|13|
Fareins|01|
Firminy|42|
Forcalquier|04|
Fouras|17|
Gattières|06|
Gauchy|02|
Gennes-Val-de-Loire|49|
Gérardmer|88|
Gosier|971|
Gradignan|33|
Gray|70|
Grimaud|83|
Guidel|56|
Guilers|29|
Issoire|63|
Issoudun|36|
Jaunay-Marigny|86|
Joué-lès-Tours|37|
L'Aigle|61|
L'Île-d'Yeu|85|
La Baule-Escoublac|44|
La Bourboule|63|
La Charité-sur-Loire|58|
La Ferté-Saint-Aubin|45|
La Ferté-sous-Jouarre|77|
La Gaude|06|
La Réole|33|
La Roche-Bernard|56|
La Teste-de-Buch|33|
La Tronche|38|
La Valette-du-Var|83|
La Voulte-sur-Rhône|07|
Lamalou-les-Bains|34|
Lambesc|13|
Landunvez|29|
Langonnet|56|
Langres|52|
Lannion|22|
Lanvellec|22|
Lautrec|81|
Le Garric|81|
Le Mont-Dore|63|
Le Perreux-sur-Marne|94|
Le Russey|25|
Le Tignet|06|
Le Touquet|62|
Le Vésinet|78|
Le Vigan|30|
Lectoure|32|
Lège-Cap-Ferret|33|
Les Gets|74|
Lessay|50|
Locmiquélic|56|
Longwy|54|
Louhans|71|
Lourmarin|84|
Luzy|58|
Mamers|72|
Mantes-la-Ville|78|
Mareuil-sur-Cher|41|
Marmande|47|
Martel|46|
Megève|74|
Mellionnec|22|
Meursault|21|
Meythet|74|
Montamisé|86|
Montfort-l'Amaury|78|
Montmorillon|86|
Morzine|74|
Mûrs-Erigné|49|
Mutzig|67|
Neuvy-le-Roi|37|
Obernai|67|
Olargues|34|
Ouessant|29|
Paimpol|22|
Palaiseau|91|
Palau-del-Vidre|66|
Patrimonio|2B|
Pennautier|11|
Pérols|34|
Perros-Guirec|22|
Plérin|22|
Plougasnou|29|
Plouha|22|
Plounéour-Menez|29|
Plozevet|29|
Plumeliau-Bieuzy|56|
Pons|17|
Pont-à-Mousson|54|
Pont-l'Abbé|29|
Pontarlier|25|
Pontonx-sur-l'Adour|40|
Preignan|32|
Puteaux|92|
Retiers|35|
Ribérac|24|
Roscoff|29|
Rouffach|68|
Sablé-sur-Sarthe|72|
Saint-André-lez-Lille|59|
Saint-Antoine-l'Abbaye|38|
Saint-Antonin-du-Var|83|
Saint-Aubin-sur-Mer|76|
Saint-Avertin|37|
Saint-Cézaire-sur-Siagne|06|
Saint-Chaffrey|05|
Saint-Chamond|42|
Saint-Denis|974|
Saint-Dizier|52|
Saint-Flour|15|
Saint-Génis-des-Fontaines|66|
Saint-Germain-de-Lusignan|17|
Saint-Gilles-Croix-de-Vie|85|
Saint-Guilhem-le-Désert|34|
Saint-Jean-de-Vedas|34|
Saint-Malô-du-Bois|85|
Saint-Médard-en-Jalles|33|
Saint-Nicolas-de-la-Grave|82|
Saint-Ouen|93|
Saint-Paul-lès-Dax|40|
Saint-Poix|53|
Saint-Prouant|85|
Saint-Rémy-de-Provence|13|
Saint-Riquier|80|
Saint-Sauveur-en-Puisaye|89|
Sainte-Adresse|76|
Sainte-Anne-d'Auray|56|
Sainte-Maxime|83|
Sanary-sur-Mer|83|
Sarzeau|56|
Sauve|30|
Sauveterre-De-Rouergue|12|
Seillans|83|
Simiane-Collongue|13|
Sorgues|84|
Souillac|46|
Soustons|40|
Thiais|94|
Thiré|85|
Thônes|74|
Torreilles|66|
Toul|54|
Tournus|71|
Tourrettes|83|
Tronget|03|
Vaiges|53|
Val-Cenis|73|
Valdeblore|06|
Valence-en-Poitou|86|
Vandœuvre-lès-Nancy|54|
Vaugneray|69|
Vaux-sur-Mer|17|
Vern-sur-Seiche|35|
Veuzain-sur-Loire|41|
Vic-Fezensac|32|
Vicq-sur-Breuilh|87|
Villedieu-sur-Indre|36|
Villefavard|87|
Villefranche-sur-Saône|69|
Villegly|11|
Villemandeur|45|
Villers-sur-Mer|14|
Vivonne|86|
Wissembourg|67|
Yssingeaux|43|
Yvré-l'Évêque|72|
`;
// END GENERATED FESTIVAL CITIES

// ---- Building the tables ---------------------------------------------------------------------

function records(block: string): string[][] {
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split('|').map((field) => field.trim()));
}

function list(field: string | undefined): string[] {
  return (field ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function isAmbiguous(name: string): boolean {
  return AMBIGUOUS_NAMES.has(placeKey(name));
}

function buildRegions(): Region[] {
  const out: Region[] = [];
  const frRegionByCode = new Map<string, string>();
  for (const [code = '', name = '', en, aliases] of records(FR_REGIONS)) {
    frRegionByCode.set(code, name);
    out.push({ name, kind: 'region', country: 'FR', aliases: list(aliases), en: en || undefined });
  }
  for (const [code = '', name = '', regionCode = '', aliases] of records(FR_DEPARTMENTS)) {
    const parent = frRegionByCode.get(regionCode);
    // Single-department overseas regions are the region itself (Guadeloupe is both).
    if (parent === name) continue;
    out.push({ name, kind: 'department', country: 'FR', code, parent, aliases: list(aliases) });
  }
  for (const [name = '', en, aliases] of records(BE_REGIONS))
    out.push({ name, kind: 'region', country: 'BE', aliases: list(aliases), en: en || undefined });
  for (const [name = '', parent, en, aliases] of records(BE_PROVINCES))
    out.push({ name, kind: 'province', country: 'BE', parent, aliases: list(aliases), en: en || undefined });
  for (const [code = '', name = '', en, aliases] of records(CH_CANTONS))
    out.push({ name, kind: 'canton', country: 'CH', code, aliases: list(aliases), en: en || undefined });
  for (const [name = '', , en, aliases] of records(CH_AREAS))
    out.push({ name, kind: 'area', country: 'CH', aliases: list(aliases), en: en || undefined });
  for (const region of out) if (isAmbiguous(region.name)) region.ambiguous = true;
  return out;
}

export const REGIONS: readonly Region[] = buildRegions();

const departmentByCode = new Map(
  REGIONS.filter((r) => r.kind === 'department' && r.code).map((r) => [r.code as string, r]),
);
const frRegionOfDepartment = new Map<string, string>();
const frDepartmentName = new Map<string, string>();
{
  const regionByCode = new Map(records(FR_REGIONS).map(([code = '', name = '']) => [code, name]));
  for (const [code = '', name = '', regionCode = ''] of records(FR_DEPARTMENTS)) {
    frRegionOfDepartment.set(code, regionByCode.get(regionCode) ?? '');
    frDepartmentName.set(code, name);
  }
}
const cantonByCode = new Map(REGIONS.filter((r) => r.kind === 'canton').map((r) => [r.code as string, r]));
/** Canton abbreviation → the areas (Suisse romande…) it belongs to. */
const areasOfCanton = new Map<string, string[]>();
for (const [name = '', cantons] of records(CH_AREAS))
  for (const code of list(cantons)) areasOfCanton.set(code, [...(areasOfCanton.get(code) ?? []), name]);

function buildCities(): City[] {
  const out: City[] = [];
  const seen = new Set<string>();
  const addFr = (block: string) => {
    for (const [name = '', code = '', aliases] of records(block)) {
      const key = `${placeKey(name)}|${code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const region = frRegionOfDepartment.get(code);
      if (!region) throw new Error(`places: unknown department ${code} for ${name}`);
      const subregion = frDepartmentName.get(code);
      out.push({
        name,
        country: 'FR',
        region,
        subregion: subregion === region ? undefined : subregion,
        aliases: list(aliases),
      });
    }
  };
  addFr(FR_CITIES);
  const beProvinceRegion = new Map(records(BE_PROVINCES).map(([name = '', region = '']) => [name, region]));
  for (const [name = '', where = '', en, aliases] of records(BE_CITIES)) {
    const region = beProvinceRegion.get(where) ?? where;
    out.push({
      name,
      country: 'BE',
      region,
      subregion: beProvinceRegion.has(where) ? where : undefined,
      aliases: list(aliases),
      en: en || undefined,
    });
  }
  for (const [name = '', canton = '', en, aliases] of records(CH_CITIES)) {
    const region = cantonByCode.get(canton)?.name;
    if (!region) throw new Error(`places: unknown canton ${canton} for ${name}`);
    out.push({ name, country: 'CH', region, aliases: list(aliases), en: en || undefined });
  }
  addFr(FR_FESTIVAL_CITIES);
  for (const city of out) if (isAmbiguous(city.name)) city.ambiguous = true;
  return out;
}

export const CITIES: readonly City[] = buildCities();

// ---- Lookups ---------------------------------------------------------------------------------

/**
 * The comparison key of a place name: lower case, no accents, hyphens, apostrophes, dots and slashes
 * as spaces, "st"/"ste" spelled out, parenthesised qualifiers kept as words. "St-Étienne" → "saint etienne".
 */
export function placeKey(name: string): string {
  return placeTokens(name).join(' ');
}

/** placeKey as words. */
export function placeTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .map((w) => (w === 'st' ? 'saint' : w === 'ste' ? 'sainte' : w));
}

export type Place = { type: 'city'; city: City } | { type: 'region'; region: Region };

/** Every name of a place (canonical, English, aliases), each with the place: the parser's index. */
export function placeNames(): ReadonlyArray<{ key: string; place: Place; alias: boolean }> {
  if (namesCache) return namesCache;
  const out: Array<{ key: string; place: Place; alias: boolean }> = [];
  for (const city of CITIES) {
    const place: Place = { type: 'city', city };
    out.push({ key: placeKey(city.name), place, alias: false });
    for (const name of [city.en, ...city.aliases])
      if (name) out.push({ key: placeKey(name), place, alias: true });
  }
  for (const region of REGIONS) {
    const place: Place = { type: 'region', region };
    out.push({ key: placeKey(region.name), place, alias: false });
    for (const name of [region.en, ...region.aliases])
      if (name) out.push({ key: placeKey(name), place, alias: true });
  }
  namesCache = out;
  return out;
}
let namesCache: Array<{ key: string; place: Place; alias: boolean }> | undefined;

let cityIndex: Map<string, City[]> | undefined;
let regionIndex: Map<string, Region[]> | undefined;
function indexes(): { cities: Map<string, City[]>; regions: Map<string, Region[]> } {
  if (!cityIndex || !regionIndex) {
    cityIndex = new Map();
    regionIndex = new Map();
    for (const { key, place } of placeNames()) {
      if (place.type === 'city') cityIndex.set(key, [...(cityIndex.get(key) ?? []), place.city]);
      else regionIndex.set(key, [...(regionIndex.get(key) ?? []), place.region]);
    }
  }
  return { cities: cityIndex, regions: regionIndex };
}

/** The city with this name or alias ("Gent", "geneva", "St-Étienne"), preferring `country` if given. */
export function findCity(name: string, country?: string): City | undefined {
  const found = indexes().cities.get(placeKey(name)) ?? [];
  return found.find((c) => !country || c.country === country) ?? (country ? undefined : found[0]);
}

/** The region, department, province, canton or area with this name or alias ("PACA", "Wallonia"). */
export function findRegion(name: string, country?: string): Region | undefined {
  const found = indexes().regions.get(placeKey(name)) ?? [];
  return found.find((r) => !country || r.country === country) ?? (country ? undefined : found[0]);
}

export function findDepartment(code: string): Region | undefined {
  return departmentByCode.get(code.toUpperCase().padStart(2, '0'));
}

/** The French region of a department number ("69" → "Auvergne-Rhône-Alpes"). */
export function regionOfDepartment(code: string): string | undefined {
  return frRegionOfDepartment.get(code.toUpperCase().padStart(2, '0')) || undefined;
}

/** A place's label in the interface language ("Genève" / "Geneva"). */
export function placeLabel(name: string, language: 'fr' | 'en'): string {
  if (language === 'fr') return name;
  const key = placeKey(name);
  const city = CITIES.find((c) => placeKey(c.name) === key);
  if (city) return city.en ?? city.name;
  const region = REGIONS.find((r) => placeKey(r.name) === key);
  return region?.en ?? name;
}

/** Whether a venue's city is the searched city, across languages: "Brussel" is "Bruxelles". */
export function cityMatches(searched: string, venueCity: string): boolean {
  const a = placeKey(searched);
  const b = placeKey(venueCity);
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const ca = indexes().cities.get(a) ?? [];
  const cb = indexes().cities.get(b) ?? [];
  return ca.some((c) => cb.includes(c));
}

/** Everything a region-like name stands inside: itself, its parent region, its Swiss areas. */
function enclosing(region: Region): string[] {
  const out = [region.name];
  if (region.parent) out.push(region.parent);
  if (region.kind === 'canton' && region.code) out.push(...(areasOfCanton.get(region.code) ?? []));
  return out;
}

export interface VenuePlace {
  city?: string;
  region?: string;
  country?: string;
  postalCode?: string;
}

/**
 * The regions a venue lies in, as canonical names, from whatever it records: its region field (a
 * region, department, province or canton, in any language), its city (through the gazetteer) and, in
 * France, its postcode's department. Used to match a search's region at any level.
 */
export function regionsOfVenue(venue: VenuePlace): Set<string> {
  const out = new Set<string>();
  const country = venue.country || undefined;
  if (venue.region) {
    const region = findRegion(venue.region, country) ?? findRegion(venue.region);
    if (region) for (const name of enclosing(region)) out.add(name);
    else out.add(venue.region.trim());
  }
  if (venue.city) {
    const city = findCity(venue.city, country);
    if (city) {
      const region = findRegion(city.region, city.country);
      for (const name of region ? enclosing(region) : [city.region]) out.add(name);
      if (city.subregion) out.add(city.subregion);
    }
  }
  const postal = (venue.postalCode ?? '').replace(/\s/g, '');
  if ((!country || country === 'FR') && /^\d{5}$/.test(postal)) {
    // Corsica's postcodes start with 20: 200xx–201xx are Corse-du-Sud, the rest Haute-Corse.
    const code = postal.startsWith('97')
      ? postal.slice(0, 3)
      : postal.startsWith('20')
        ? Number(postal.slice(0, 3)) < 202
          ? '2A'
          : '2B'
        : postal.slice(0, 2);
    const department = code ? findDepartment(code) : undefined;
    if (department) for (const name of enclosing(department)) out.add(name);
    const region = code ? regionOfDepartment(code) : undefined;
    if (region) out.add(region);
  }
  return out;
}

/**
 * Whether a venue lies in the searched region, at any level: "Wallonie" holds a venue whose region is
 * "Hainaut" or whose city is "Charleroi"; "Suisse romande" holds "Lausanne"; "Bretagne" holds a venue
 * in "Finistère" or with postcode 29200.
 */
export function venueInRegion(searched: string, venue: VenuePlace): boolean {
  const target = findRegion(searched);
  const wanted = target ? target.name : searched.trim();
  const keys = new Set([...regionsOfVenue(venue)].map(placeKey));
  return keys.has(placeKey(wanted));
}
