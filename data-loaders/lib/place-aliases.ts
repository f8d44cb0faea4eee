/**
 * Localities that offices and feeds still name, known to the census (and so to
 * the census-subdivision gazetteer) only under the municipality they joined or
 * lie in. The geocoder uses an alias only when no gazetteer knows the name
 * itself, and the point it gives is the municipality's (community precision).
 *
 * Each entry says why: the amalgamation or the municipality the locality lies
 * in, as the 2021 census subdivision names and the provinces' municipal
 * directories record it. Add an entry only with such a reason; never to make a
 * name land somewhere convenient.
 */
export interface PlaceAlias {
  province: string;
  /** The name as offices and feeds write it. */
  name: string;
  /** The 2021 census subdivision (or other gazetteer place) it lies in. */
  target: string;
  reason: string;
}

export const PLACE_ALIASES: readonly PlaceAlias[] = [
  // Ontario: towns folded into larger municipalities in the amalgamations of 1998-2001.
  { province: 'ON', name: 'Trenton', target: 'Quinte West', reason: 'Trenton was amalgamated into the City of Quinte West in 1998.' },
  { province: 'ON', name: 'Lindsay', target: 'Kawartha Lakes', reason: 'Lindsay became part of the City of Kawartha Lakes in 2001.' },
  { province: 'ON', name: 'Simcoe', target: 'Norfolk County', reason: 'The Town of Simcoe became part of Norfolk County in 2001.' },
  { province: 'ON', name: 'Chatham', target: 'Chatham-Kent', reason: 'Chatham became part of the Municipality of Chatham-Kent in 1998.' },
  { province: 'ON', name: 'Wallaceburg', target: 'Chatham-Kent', reason: 'Wallaceburg became part of Chatham-Kent in 1998.' },
  { province: 'ON', name: 'Tilbury', target: 'Chatham-Kent', reason: 'Tilbury became part of Chatham-Kent in 1998.' },
  { province: 'ON', name: 'Napanee', target: 'Greater Napanee', reason: 'Napanee became part of the Town of Greater Napanee in 1998.' },
  { province: 'ON', name: 'Picton', target: 'Prince Edward County', reason: 'Picton became part of the City of Prince Edward County in 1998.' },
  { province: 'ON', name: 'Dundas', target: 'Hamilton', reason: 'Dundas became part of the City of Hamilton in 2001.' },
  { province: 'ON', name: 'Flamborough', target: 'Hamilton', reason: 'Flamborough became part of the City of Hamilton in 2001.' },
  { province: 'ON', name: 'Malton', target: 'Mississauga', reason: 'Malton is a community of the City of Mississauga (since 1974).' },
  { province: 'ON', name: 'Scarborough', target: 'Toronto', reason: 'Scarborough became part of the City of Toronto in 1998.' },
  { province: 'ON', name: 'Georgetown', target: 'Halton Hills', reason: 'Georgetown is the main community of the Town of Halton Hills (1974).' },
  { province: 'ON', name: 'Alliston', target: 'New Tecumseth', reason: 'Alliston became part of the Town of New Tecumseth in 1991.' },
  { province: 'ON', name: 'Fergus', target: 'Centre Wellington', reason: 'Fergus became part of the Township of Centre Wellington in 1999.' },
  { province: 'ON', name: 'Elora', target: 'Centre Wellington', reason: 'Elora became part of the Township of Centre Wellington in 1999.' },
  { province: 'ON', name: 'Exeter', target: 'South Huron', reason: 'Exeter became part of the Municipality of South Huron in 2001.' },
  { province: 'ON', name: 'Kemptville', target: 'North Grenville', reason: 'Kemptville became part of the Municipality of North Grenville in 1998.' },
  { province: 'ON', name: 'Listowel', target: 'North Perth', reason: 'Listowel became part of the Municipality of North Perth in 1998.' },
  { province: 'ON', name: 'New Liskeard', target: 'Temiskaming Shores', reason: 'New Liskeard became part of the City of Temiskaming Shores in 2004.' },
  { province: 'ON', name: 'Haileybury', target: 'Temiskaming Shores', reason: 'Haileybury became part of the City of Temiskaming Shores in 2004.' },
  { province: 'ON', name: 'Sturgeon Falls', target: 'West Nipissing', reason: 'Sturgeon Falls became part of the Municipality of West Nipissing in 1999.' },
  { province: 'ON', name: 'Strathroy', target: 'Strathroy-Caradoc', reason: 'Strathroy became part of the Municipality of Strathroy-Caradoc in 2001.' },
  { province: 'ON', name: 'Walkerton', target: 'Brockton', reason: 'Walkerton became part of the Municipality of Brockton in 1999.' },
  { province: 'ON', name: 'West Lorne', target: 'West Elgin', reason: 'West Lorne became part of the Municipality of West Elgin in 1998.' },
  { province: 'ON', name: 'Wiarton', target: 'South Bruce Peninsula', reason: 'Wiarton became part of the Town of South Bruce Peninsula in 1999.' },
  { province: 'ON', name: 'Wingham', target: 'North Huron', reason: 'Wingham became part of the Township of North Huron in 2001.' },
  { province: 'ON', name: 'Haliburton', target: 'Dysart et al', reason: 'The village of Haliburton is the seat of the Municipality of Dysart et al.' },
  { province: 'ON', name: 'Mindemoya', target: 'Central Manitoulin', reason: 'Mindemoya lies in the Municipality of Central Manitoulin (1998).' },
  { province: 'ON', name: 'Dunnville', target: 'Haldimand County', reason: 'Dunnville became part of Haldimand County in 2001.' },
  { province: 'ON', name: 'Caledonia', target: 'Haldimand County', reason: 'Caledonia became part of Haldimand County in 2001.' },
  { province: 'ON', name: 'Geraldton', target: 'Greenstone', reason: 'Geraldton became part of the Municipality of Greenstone in 2001.' },
  { province: 'ON', name: 'Moose Factory', target: 'Factory Island 1', reason: 'Moose Factory is on Factory Island, the census subdivision Factory Island 1.' },
  { province: 'ON', name: 'Kashechewan', target: 'Fort Albany (Part) 67', reason: 'Kashechewan First Nation lives on the Fort Albany 67 reserve.' },
  { province: 'ON', name: 'Kettle and Stony Point', target: 'Kettle Point 44', reason: 'The Chippewas of Kettle and Stony Point First Nation live on the Kettle Point 44 reserve.' },
  { province: 'ON', name: 'Muskrat Dam', target: 'Muskrat Dam Lake', reason: 'Muskrat Dam First Nation lives on the Muskrat Dam Lake reserve.' },
  // Quebec.
  { province: 'QC', name: 'Dolbeau', target: 'Dolbeau-Mistassini', reason: 'Dolbeau and Mistassini merged as Dolbeau-Mistassini in 1997.' },
  { province: 'QC', name: 'Chicoutimi', target: 'Saguenay', reason: 'Chicoutimi became part of the Ville de Saguenay in 2002.' },
  { province: 'QC', name: 'Valleyfield', target: 'Salaberry-de-Valleyfield', reason: 'Valleyfield is the usual short name of Salaberry-de-Valleyfield.' },
  { province: 'QC', name: 'Anse Saint-Jean', target: "L'Anse-Saint-Jean", reason: "The municipality's official name is L'Anse-Saint-Jean." },
  { province: 'QC', name: 'Grande Entrée', target: 'Les Îles-de-la-Madeleine', reason: 'Grande-Entrée is a village of the municipality of Les Îles-de-la-Madeleine (2002).' },
  { province: 'QC', name: 'Cap-aux-Meules', target: 'Les Îles-de-la-Madeleine', reason: 'Cap-aux-Meules became part of the municipality of Les Îles-de-la-Madeleine in 2002.' },
  { province: 'QC', name: 'Côte-des-Neiges', target: 'Montréal', reason: 'Côte-des-Neiges–Notre-Dame-de-Grâce is a borough of the Ville de Montréal.' },
  { province: 'QC', name: 'Saint-Laurent', target: 'Montréal', reason: 'Saint-Laurent became a borough of the Ville de Montréal in 2002.' },
  { province: 'QC', name: 'Sainte-Foy', target: 'Québec', reason: 'Sainte-Foy became part of the Ville de Québec in 2002.' },
  { province: 'QC', name: 'Hull', target: 'Gatineau', reason: 'Hull became part of the Ville de Gatineau in 2002.' },
  { province: 'QC', name: 'Quebec City', target: 'Québec', reason: 'Quebec City is the English usage for the Ville de Québec.' },
  // Atlantic Canada.
  { province: 'NL', name: 'Port Aux Basques', target: 'Channel-Port aux Basques', reason: 'Port aux Basques is part of the Town of Channel-Port aux Basques (1945).' },
  { province: 'NL', name: 'Sheshatshiu', target: 'Sheshatshiu 3', reason: 'Sheshatshiu Innu First Nation lives on the Sheshatshiu 3 reserve.' },
  { province: 'NS', name: 'Bedford', target: 'Halifax', reason: 'Bedford became part of the Halifax Regional Municipality in 1996.' },
  { province: 'NS', name: 'Dartmouth', target: 'Halifax', reason: 'Dartmouth became part of the Halifax Regional Municipality in 1996.' },
  { province: 'NS', name: 'Sydney', target: 'Cape Breton', reason: 'Sydney became part of the Cape Breton Regional Municipality in 1995.' },
  { province: 'NS', name: 'Glace Bay', target: 'Cape Breton', reason: 'Glace Bay became part of the Cape Breton Regional Municipality in 1995.' },
  { province: 'NS', name: 'North Sydney', target: 'Cape Breton', reason: 'North Sydney became part of the Cape Breton Regional Municipality in 1995.' },
  { province: 'NB', name: 'Tracadie-Sheila', target: 'Tracadie', reason: 'Tracadie-Sheila became the Regional Municipality of Tracadie in 2014.' },
  // Prairies and the North.
  { province: 'MB', name: 'Notre-Dame-de-Lourdes', target: 'Lorne', reason: 'Notre-Dame-de-Lourdes lies in the Municipality of Lorne.' },
  { province: 'MB', name: 'Roblin', target: 'Hillsburg-Roblin-Shell River', reason: 'Roblin became part of the Municipality of Hillsburg-Roblin-Shell River in 2015.' },
  { province: 'MB', name: 'Russell', target: 'Russell-Binscarth', reason: 'Russell became part of the Municipality of Russell-Binscarth in 2015.' },
  { province: 'MB', name: 'Killarney', target: 'Killarney - Turtle Mountain', reason: 'Killarney became part of the Municipality of Killarney-Turtle Mountain in 2007.' },
  { province: 'MB', name: 'Deloraine', target: 'Deloraine-Winchester', reason: 'Deloraine became part of the Municipality of Deloraine-Winchester in 2007.' },
  { province: 'MB', name: 'Shoal Lake', target: 'Yellowhead', reason: 'Shoal Lake became part of the Rural Municipality of Yellowhead in 2015.' },
  { province: 'MB', name: 'Sprague', target: 'Piney', reason: 'Sprague lies in the Rural Municipality of Piney.' },
  { province: 'MB', name: 'St-Georges', target: 'Alexander', reason: 'St-Georges lies in the Rural Municipality of Alexander.' },
  { province: 'MB', name: 'Ashern', target: 'Grahamdale', reason: 'Ashern lies in the Rural Municipality of Grahamdale.' },
  { province: 'SK', name: 'Stanley Mission', target: 'Stanley 157', reason: 'Stanley Mission is on the Lac La Ronge Indian Band reserve Stanley 157.' },
];
