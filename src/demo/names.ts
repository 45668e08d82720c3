/** Word lists the demo generator draws names from. All names are made up. */

export const firstNames = [
  'Aisha', 'Ben', 'Carla', 'Daniel', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal',
  'Katrin', 'Luis', 'Mei', 'Nadia', 'Oliver', 'Paula', 'Quentin', 'Rosa', 'Stefan', 'Tara',
  'Umar', 'Vera', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Anders', 'Bianca', 'Chidi', 'Dana',
  'Emil', 'Fatima', 'Gabriel', 'Hannah', 'Ivan', 'Julia', 'Kenji', 'Leila', 'Marco', 'Nora',
  'Oscar', 'Petra', 'Rahul', 'Sofia', 'Tomas', 'Uma', 'Victor', 'Wanda', 'Yara', 'Zain',
];

export const lastNames = [
  'Adams', 'Bauer', 'Castillo', 'Dubois', 'Eriksen', 'Fernandes', 'Garcia', 'Hoffmann', 'Ibrahim', 'Jensen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Oyelaran', 'Petrov', 'Quinn', 'Rossi', 'Schneider', 'Tanaka',
  'Urban', 'Varga', 'Walsh', 'Xu', 'Yilmaz', 'Zimmermann', 'Alvarez', 'Brennan', 'Chen', 'Dimitrov',
  'Evans', 'Fischer', 'Gupta', 'Haddad', 'Ivanova', 'Johansson', 'Kim', 'Larsen', 'Mendes', 'Novak',
];

/** First words of company names. */
export const companyStems = [
  'Harbor', 'Summit', 'Cobalt', 'Juniper', 'Meridian', 'Northwind', 'Granite', 'Bluefin', 'Copperleaf', 'Evergreen',
  'Falcon', 'Helix', 'Ironwood', 'Keystone', 'Lighthouse', 'Maple', 'Nimbus', 'Orchard', 'Pinecrest', 'Quarry',
  'Redwood', 'Silverline', 'Tidewater', 'Upland', 'Vantage', 'Willow', 'Zephyr', 'Amber', 'Brightwater', 'Cedar',
  'Driftwood', 'Ember', 'Foxglove', 'Goldcrest', 'Highland', 'Indigo', 'Kestrel', 'Lumenfield', 'Mosaic', 'Oakridge',
  'Paragon', 'Riverbend', 'Saltmarsh', 'Thistle', 'Vector', 'Wildflower', 'Alder', 'Beacon', 'Crescent', 'Delta',
  'Fjord', 'Glacier', 'Horizon', 'Lattice', 'Monarch', 'Solstice',
];

/** Industry words of company names. */
export const companyIndustries = [
  'Logistics', 'Health', 'Retail', 'Energy', 'Media', 'Robotics', 'Foods', 'Finance', 'Travel', 'Labs',
  'Insurance', 'Mobility', 'Education', 'Games', 'Biotech', 'Apparel', 'Telecom', 'Realty',
];

export interface Region {
  name: string;
  currency: string;
  tld: string;
  suffixes: string[];
}

export const regions: Region[] = [
  { name: 'North America', currency: 'USD', tld: 'com', suffixes: ['', ' Inc.', ' Co.'] },
  { name: 'EMEA', currency: 'EUR', tld: 'eu', suffixes: ['', ' GmbH', ' Group', ' SA'] },
  { name: 'UK and Ireland', currency: 'GBP', tld: 'co.uk', suffixes: ['', ' Ltd', ' Group'] },
  { name: 'APAC', currency: 'USD', tld: 'io', suffixes: ['', ' Pte Ltd', ' Group'] },
  { name: 'LATAM', currency: 'USD', tld: 'com', suffixes: ['', ' SA', ' Ltda'] },
];
